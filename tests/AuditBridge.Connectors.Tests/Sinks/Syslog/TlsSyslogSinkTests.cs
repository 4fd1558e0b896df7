using System.Text;
using AuditBridge.Sinks;
using AuditBridge.Sinks.Syslog;
using AuditBridge.TestKit;
using AuditBridge.TestKit.Receivers;

namespace AuditBridge.Connectors.Tests.Sinks.Syslog;

public sealed class TlsSyslogSinkTests : IDisposable
{
    private const string Host = "collector-01";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly TestCefFormatter _formatter = new();
    private readonly LoopbackCertificates _certificates = LoopbackCertificates.Create();
    private readonly TempDirectory _directory = TempDirectory.ForCaller();

    [Fact]
    public async Task WriteAsync_WhenCaFileTrustsTheServer_DeliversOctetCountedRecordsOverTls()
    {
        await using var receiver = LoopbackTcpReceiver.Start(certificate: _certificates.Server);
        await using var sink = Create($"tls://localhost:{receiver.Port}", o => o.CaFile = CaFile());
        var auditEvent = Some.Event();

        await sink.WriteAsync([auditEvent], TestContext.Current.CancellationToken);

        await receiver.WaitForRecordsAsync(1, Timeout, TestContext.Current.CancellationToken);
        Assert.Equal(SyslogText.OctetCounted(SyslogText.Rfc5424(auditEvent, _formatter.FormatToString(auditEvent), Host)), Encoding.UTF8.GetString(receiver.RawBytes));
    }

    [Fact]
    public async Task WriteAsync_WhenConnectingByIpAddress_MatchesTheCertificatesIpAddress()
    {
        await using var receiver = LoopbackTcpReceiver.Start(certificate: _certificates.Server);
        await using var sink = Create($"tls://127.0.0.1:{receiver.Port}", o => o.CaFile = CaFile());

        await sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken);

        await receiver.WaitForRecordsAsync(1, Timeout, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task WriteAsync_WhenServerCertificateIsNotTrusted_ThrowsPermanentSinkExceptionThatSaysWhy()
    {
        await using var receiver = LoopbackTcpReceiver.Start(certificate: _certificates.Server);
        await using var sink = Create($"tls://localhost:{receiver.Port}");

        var error = await Assert.ThrowsAsync<SinkException>(() => sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken).AsTask());

        Assert.False(error.IsTransient);
        Assert.Contains("TLS verification of tls://localhost:", error.Message, StringComparison.Ordinal);
        Assert.Contains("not trusted", error.Message, StringComparison.Ordinal);
        Assert.Contains("CaFile", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, sink.Statistics.Records);
    }

    [Fact]
    public async Task WriteAsync_WhenCaFileHoldsAnotherCa_ThrowsPermanentSinkException()
    {
        using var other = LoopbackCertificates.Create("Some Other CA");
        var otherCa = LoopbackCertificates.WriteCertificatePem(other.Ca, _directory.Combine("other-ca.pem"));
        await using var receiver = LoopbackTcpReceiver.Start(certificate: _certificates.Server);
        await using var sink = Create($"tls://localhost:{receiver.Port}", o => o.CaFile = otherCa);

        var error = await Assert.ThrowsAsync<SinkException>(() => sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken).AsTask());

        Assert.False(error.IsTransient);
        Assert.Contains(otherCa, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_WhenCertificateNamesAnotherHost_ThrowsPermanentSinkException()
    {
        using var wrongName = LoopbackCertificates.Create(serverName: "siem.example.com", includeLoopbackAddresses: false);
        var ca = LoopbackCertificates.WriteCertificatePem(wrongName.Ca, _directory.Combine("wrong-name-ca.pem"));
        await using var receiver = LoopbackTcpReceiver.Start(certificate: wrongName.Server);
        await using var sink = Create($"tls://localhost:{receiver.Port}", o => o.CaFile = ca);

        var error = await Assert.ThrowsAsync<SinkException>(() => sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken).AsTask());

        Assert.False(error.IsTransient);
        Assert.Contains("not issued for 'localhost'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_WhenInsecureSkipVerify_AcceptsAnUntrustedCertificate()
    {
        await using var receiver = LoopbackTcpReceiver.Start(certificate: _certificates.Server);
        await using var sink = Create($"tls://localhost:{receiver.Port}", o => o.InsecureSkipVerify = true);

        await sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken);

        await receiver.WaitForRecordsAsync(1, Timeout, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task WriteAsync_WithClientCertificate_PresentsItToTheServer()
    {
        var certificate = LoopbackCertificates.WriteCertificatePem(_certificates.Client, _directory.Combine("client.pem"));
        var key = LoopbackCertificates.WriteKeyPem(_certificates.Client, _directory.Combine("client-key.pem"));
        await using var receiver = LoopbackTcpReceiver.Start(certificate: _certificates.Server, requireClientCertificate: true);
        await using var sink = Create($"tls://localhost:{receiver.Port}", o =>
        {
            o.CaFile = CaFile();
            o.ClientCertificateFile = certificate;
            o.ClientKeyFile = key;
        });

        await sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken);

        await receiver.WaitForRecordsAsync(1, Timeout, TestContext.Current.CancellationToken);
        Assert.Equal(_certificates.Client.Thumbprint, receiver.LastClientCertificate?.Thumbprint);
    }

    [Fact]
    public async Task WriteAsync_WhenServerDoesNotSpeakTls_ThrowsSinkExceptionNamingTheEndpoint()
    {
        await using var receiver = LoopbackTcpReceiver.Start();
        await using var sink = Create($"tls://localhost:{receiver.Port}", o =>
        {
            o.CaFile = CaFile();
            o.ConnectTimeout = TimeSpan.FromSeconds(5);
        });
        var write = sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken).AsTask();

        // The plain receiver reads the ClientHello as a frame header and drops the connection.
        var error = await Assert.ThrowsAsync<SinkException>(() => write);

        Assert.Contains(receiver.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_WhenReceiverClosedTheIdleConnection_ReconnectsOverTls()
    {
        await using var receiver = LoopbackTcpReceiver.Start(certificate: _certificates.Server);
        await using var sink = Create($"tls://localhost:{receiver.Port}", o => o.CaFile = CaFile());
        await sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken);
        await receiver.WaitForRecordsAsync(1, Timeout, TestContext.Current.CancellationToken);
        receiver.DropConnections();

        await sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken);

        await receiver.WaitForRecordsAsync(2, Timeout, TestContext.Current.CancellationToken);
        Assert.Equal(2, receiver.ConnectionsAccepted);
    }

    [Fact]
    public void Create_WhenCaFileHoldsNoCertificate_ThrowsPermanentSinkExceptionNamingTheFile()
    {
        var empty = _directory.Combine("empty.pem");
        System.IO.File.WriteAllText(empty, "not a certificate\n");

        var error = Assert.Throws<SinkException>(() => Create("tls://localhost:6514", o => o.CaFile = empty));

        Assert.False(error.IsTransient);
        Assert.Contains(empty, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_WhenClientCertificateHasNoKey_ThrowsPermanentSinkException()
    {
        var certificate = LoopbackCertificates.WriteCertificatePem(_certificates.Client, _directory.Combine("client-only.pem"));

        var error = Assert.Throws<SinkException>(() => Create("tls://localhost:6514", o => o.ClientCertificateFile = certificate));

        Assert.False(error.IsTransient);
        Assert.Contains("ClientCertificateFile", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _certificates.Dispose();
        _directory.Dispose();
    }

    private string CaFile() => LoopbackCertificates.WriteCertificatePem(_certificates.Ca, _directory.Combine("ca.pem"));

    private ISink Create(string endpoint, Action<SyslogSinkOptions>? configure = null)
    {
        var options = new SyslogSinkOptions { Endpoint = endpoint, HostName = Host };
        configure?.Invoke(options);
        return SyslogSinkFactory.Create(options, _formatter, TimeProvider.System);
    }
}
