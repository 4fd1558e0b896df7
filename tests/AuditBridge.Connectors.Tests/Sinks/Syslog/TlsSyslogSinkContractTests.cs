using AuditBridge.Events;
using AuditBridge.Formats;
using AuditBridge.Sinks;
using AuditBridge.Sinks.Syslog;
using AuditBridge.TestKit;
using AuditBridge.TestKit.Receivers;
using AuditBridge.TestKit.Sinks;

namespace AuditBridge.Connectors.Tests.Sinks.Syslog;

/// <summary>
/// The sink contract for syslog over TLS (RFC 5425): a loopback receiver with a certificate from a throw-away CA that
/// the sink trusts through <c>CaFile</c>; the failing destination presents one the sink does not trust (permanent).
/// </summary>
public sealed class TlsSyslogSinkContractTests : SinkContractTests, IAsyncDisposable
{
    private const string Host = "collector-01";
    private static readonly IEventFormatter Cef = EventFormatters.Cef();
    private readonly LoopbackCertificates _certificates = LoopbackCertificates.Create();
    private readonly TempDirectory _directory = TempDirectory.ForCaller();
    private readonly LoopbackTcpReceiver _receiver;
    private readonly string _caFile;

    public TlsSyslogSinkContractTests()
    {
        _receiver = LoopbackTcpReceiver.Start(certificate: _certificates.Server);
        _caFile = LoopbackCertificates.WriteCertificatePem(_certificates.Ca, _directory.Combine("ca.pem"));
    }

    protected override DeliveryGuarantee Guarantee => DeliveryGuarantee.AtLeastOnce;

    protected override bool ReceivesSynchronously => false;

    public async ValueTask DisposeAsync()
    {
        await _receiver.DisposeAsync();
        _certificates.Dispose();
        _directory.Dispose();
    }

    protected override Task<ISink> CreateSinkAsync() => Task.FromResult(Create(_caFile));

    protected override string OnTheWire(AuditEvent auditEvent) =>
        SyslogText.OctetCounted(SyslogText.Rfc5424(auditEvent, Cef.FormatToString(auditEvent), Host));

    protected override byte[] Received() => _receiver.RawBytes;

    // The system trust store does not know the test CA: the handshake is refused, and a person must act. A receiver
    // that is gone may come back.
    protected override async Task<IReadOnlyList<SinkFailure>> CreateFailingSinksAsync()
    {
        var gone = LoopbackTcpReceiver.Start(certificate: _certificates.Server);
        var port = gone.Port;
        await gone.DisposeAsync();
        return [new SinkFailure(Create(caFile: null), IsTransient: false), new SinkFailure(Create(_caFile, port: port), IsTransient: true)];
    }

    protected override Task<SinkStall?> CreateStalledSinkAsync()
    {
        _receiver.IsReading = false;
        return Task.FromResult<SinkStall?>(new SinkStall(Create(_caFile, StreamStall.Formatter), StreamStall.Batch(), () => _receiver.WaitForUnreadBytesAsync(Timeout, Token)));
    }

    private ISink Create(string? caFile, IEventFormatter? formatter = null, int? port = null) => SyslogSinkFactory.Create(
        new SyslogSinkOptions { Endpoint = $"tls://localhost:{port ?? _receiver.Port}", HostName = Host, CaFile = caFile },
        formatter ?? Cef,
        TimeProvider.System);
}
