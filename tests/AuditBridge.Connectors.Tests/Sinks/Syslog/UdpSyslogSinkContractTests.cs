using AuditBridge.Events;
using AuditBridge.Formats;
using AuditBridge.Sinks;
using AuditBridge.Sinks.Syslog;
using AuditBridge.TestKit.Receivers;
using AuditBridge.TestKit.Sinks;

namespace AuditBridge.Connectors.Tests.Sinks.Syslog;

/// <summary>
/// The sink contract for syslog over UDP (RFC 5426): one unframed RFC 5424 datagram per record, best effort. A receiver
/// that is gone shows only as the ICMP answer to an earlier datagram (transient); the stalled write waits for its turn
/// at one datagram per second.
/// </summary>
public sealed class UdpSyslogSinkContractTests : SinkContractTests, IAsyncDisposable
{
    private const string Host = "collector-01";
    private static readonly IEventFormatter Cef = EventFormatters.Cef();
    private readonly LoopbackUdpReceiver _receiver = LoopbackUdpReceiver.Start();

    protected override DeliveryGuarantee Guarantee => DeliveryGuarantee.BestEffort;

    protected override bool ReceivesSynchronously => false;

    public ValueTask DisposeAsync() => _receiver.DisposeAsync();

    protected override Task<ISink> CreateSinkAsync() => Task.FromResult(Create(_receiver.Endpoint, SyslogSinkOptions.DefaultMaxRate));

    protected override string OnTheWire(AuditEvent auditEvent) => SyslogText.Rfc5424(auditEvent, Cef.FormatToString(auditEvent), Host);

    protected override byte[] Received() => [.. _receiver.Datagrams.SelectMany(d => d)];

    protected override async Task<IReadOnlyList<SinkFailure>> CreateFailingSinksAsync()
    {
        var gone = LoopbackUdpReceiver.Start();
        var endpoint = gone.Endpoint;
        await gone.DisposeAsync();
        return [new SinkFailure(Create(endpoint, SyslogSinkOptions.DefaultMaxRate), IsTransient: true)];
    }

    protected override Task<SinkStall?> CreateStalledSinkAsync() => Task.FromResult<SinkStall?>(new SinkStall(
        Create(_receiver.Endpoint, maxRate: 1),
        Batch(20),
        () => _receiver.WaitForDatagramsAsync(1, Timeout, Token)));

    private static ISink Create(string endpoint, int maxRate) => SyslogSinkFactory.Create(
        new SyslogSinkOptions { Endpoint = endpoint, HostName = Host, MaxRate = maxRate },
        Cef,
        TimeProvider.System);
}
