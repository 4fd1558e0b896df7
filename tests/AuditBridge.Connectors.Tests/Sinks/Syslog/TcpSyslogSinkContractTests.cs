using AuditBridge.Events;
using AuditBridge.Formats;
using AuditBridge.Sinks;
using AuditBridge.Sinks.Syslog;
using AuditBridge.TestKit.Receivers;
using AuditBridge.TestKit.Sinks;

namespace AuditBridge.Connectors.Tests.Sinks.Syslog;

/// <summary>The sink contract for syslog over TCP: RFC 5424 with octet counting, to a loopback receiver.</summary>
public sealed class TcpSyslogSinkContractTests : SinkContractTests, IAsyncDisposable
{
    private const string Host = "collector-01";
    private static readonly IEventFormatter Cef = EventFormatters.Cef();
    private readonly LoopbackTcpReceiver _receiver = LoopbackTcpReceiver.Start();

    protected override DeliveryGuarantee Guarantee => DeliveryGuarantee.AtLeastOnce;

    protected override bool ReceivesSynchronously => false;

    public ValueTask DisposeAsync() => _receiver.DisposeAsync();

    protected override Task<ISink> CreateSinkAsync() => Task.FromResult(Create(_receiver.Endpoint));

    protected override string OnTheWire(AuditEvent auditEvent) =>
        SyslogText.OctetCounted(SyslogText.Rfc5424(auditEvent, Cef.FormatToString(auditEvent), Host));

    protected override byte[] Received() => _receiver.RawBytes;

    protected override async Task<IReadOnlyList<SinkFailure>> CreateFailingSinksAsync()
    {
        var gone = LoopbackTcpReceiver.Start();
        var endpoint = gone.Endpoint;
        await gone.DisposeAsync();
        return [new SinkFailure(Create(endpoint), IsTransient: true)];
    }

    protected override Task<SinkStall?> CreateStalledSinkAsync()
    {
        _receiver.IsReading = false;
        return Task.FromResult<SinkStall?>(new SinkStall(
            Create(_receiver.Endpoint, StreamStall.Formatter),
            StreamStall.Batch(),
            () => _receiver.WaitForUnreadBytesAsync(Timeout, Token)));
    }

    private static ISink Create(string endpoint, IEventFormatter? formatter = null) =>
        SyslogSinkFactory.Create(new SyslogSinkOptions { Endpoint = endpoint, HostName = Host }, formatter ?? Cef, TimeProvider.System);
}
