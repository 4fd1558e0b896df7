using AuditBridge.Sinks;
using AuditBridge.Sinks.Syslog;
using AuditBridge.TestKit;
using AuditBridge.TestKit.Receivers;
using AuditBridge.TestKit.Time;

namespace AuditBridge.Connectors.Tests.Sinks.Syslog;

public sealed class SyslogSinkProbeTests : IDisposable
{
    private const string Host = "collector-01";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly TestCefFormatter _formatter = new();
    private readonly LoopbackCertificates _certificates = LoopbackCertificates.Create();
    private readonly TempDirectory _directory = TempDirectory.ForCaller();

    [Fact]
    public async Task ProbeAsync_Tcp_ConnectsAndClosesWithoutSendingARecord()
    {
        await using var receiver = LoopbackTcpReceiver.Start();
        await using var sink = Create(receiver.Endpoint);

        var result = await Probe(sink).ProbeAsync(TestContext.Current.CancellationToken);

        Assert.Equal($"connected to 127.0.0.1:{receiver.Port}", result);
        await receiver.WaitForConnectionsAsync(1, Timeout, TestContext.Current.CancellationToken);
        await receiver.WaitForClientsToCloseAsync(Timeout, TestContext.Current.CancellationToken);
        Assert.Empty(receiver.RawBytes);
        Assert.Equal(0, sink.Statistics.Records);
    }

    [Fact]
    public async Task ProbeAsync_ThenWriteAsync_DeliversTheBatchOnAConnectionOfItsOwn()
    {
        await using var receiver = LoopbackTcpReceiver.Start();
        await using var sink = Create(receiver.Endpoint);
        await Probe(sink).ProbeAsync(TestContext.Current.CancellationToken);

        await sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken);

        await receiver.WaitForRecordsAsync(1, Timeout, TestContext.Current.CancellationToken);
        Assert.Equal(2, receiver.ConnectionsAccepted);
        Assert.Equal(1, sink.Statistics.Records);
    }

    [Fact]
    public async Task ProbeAsync_Tcp_WhenNothingListens_ThrowsTransientSinkExceptionLikeAWrite()
    {
        var receiver = LoopbackTcpReceiver.Start();
        var endpoint = receiver.Endpoint;
        await receiver.DisposeAsync();
        await using var sink = Create(endpoint);

        var error = await Assert.ThrowsAsync<SinkException>(() => Probe(sink).ProbeAsync(TestContext.Current.CancellationToken).AsTask());

        Assert.True(error.IsTransient);
        Assert.StartsWith($"Cannot connect to {endpoint}: ConnectionRefused", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProbeAsync_Tls_WhenCaFileTrustsTheServer_ReportsTheHandshakeAndSendsNothing()
    {
        await using var receiver = LoopbackTcpReceiver.Start(certificate: _certificates.Server);
        await using var sink = Create($"tls://localhost:{receiver.Port}", o => o.CaFile = CaFile());

        var result = await Probe(sink).ProbeAsync(TestContext.Current.CancellationToken);

        Assert.Matches($@"^TLS 1\.[23] handshake with localhost:{receiver.Port}, certificate verified$", result);
        await receiver.WaitForConnectionsAsync(1, Timeout, TestContext.Current.CancellationToken);
        await receiver.WaitForClientsToCloseAsync(Timeout, TestContext.Current.CancellationToken);
        Assert.Empty(receiver.RawBytes);
        Assert.Empty(receiver.Errors);
    }

    [Fact]
    public async Task ProbeAsync_Tls_WhenTheServerCertificateIsNotTrusted_ThrowsPermanentSinkExceptionThatSaysWhy()
    {
        await using var receiver = LoopbackTcpReceiver.Start(certificate: _certificates.Server);
        await using var sink = Create($"tls://localhost:{receiver.Port}");

        var error = await Assert.ThrowsAsync<SinkException>(() => Probe(sink).ProbeAsync(TestContext.Current.CancellationToken).AsTask());

        Assert.False(error.IsTransient);
        Assert.StartsWith($"TLS verification of tls://localhost:{receiver.Port} failed: its chain is not trusted", error.Message, StringComparison.Ordinal);
        Assert.Contains("system trust store: set CaFile", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProbeAsync_Tls_WhenTheCertificateNamesAnotherHost_ThrowsPermanentSinkException()
    {
        using var wrongName = LoopbackCertificates.Create(serverName: "siem.example.com", includeLoopbackAddresses: false);
        var ca = LoopbackCertificates.WriteCertificatePem(wrongName.Ca, _directory.Combine("wrong-name-ca.pem"));
        await using var receiver = LoopbackTcpReceiver.Start(certificate: wrongName.Server);
        await using var sink = Create($"tls://localhost:{receiver.Port}", o => o.CaFile = ca);

        var error = await Assert.ThrowsAsync<SinkException>(() => Probe(sink).ProbeAsync(TestContext.Current.CancellationToken).AsTask());

        Assert.False(error.IsTransient);
        Assert.Contains("not issued for 'localhost'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProbeAsync_Tls_WithInsecureSkipVerify_SaysTheCertificateWasNotVerified()
    {
        await using var receiver = LoopbackTcpReceiver.Start(certificate: _certificates.Server);
        await using var sink = Create($"tls://localhost:{receiver.Port}", o => o.InsecureSkipVerify = true);

        var result = await Probe(sink).ProbeAsync(TestContext.Current.CancellationToken);

        Assert.EndsWith($"handshake with localhost:{receiver.Port}, certificate NOT verified (InsecureSkipVerify)", result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProbeAsync_Tls_WithAClientCertificate_PresentsItInTheHandshake()
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

        var result = await Probe(sink).ProbeAsync(TestContext.Current.CancellationToken);

        Assert.EndsWith(", certificate verified, client certificate sent", result, StringComparison.Ordinal);
        await receiver.WaitForClientsToCloseAsync(Timeout, TestContext.Current.CancellationToken);
        Assert.Equal(_certificates.Client.Thumbprint, receiver.LastClientCertificate?.Thumbprint);
    }

    [Fact]
    public async Task ProbeAsync_Tls_WhenTheServerNeverAnswersTheHandshake_TimesOutOnTheSinksClockAsTransient()
    {
        var time = new FakeTimeProvider(Some.Instant);
        await using var receiver = LoopbackTcpReceiver.Start(certificate: _certificates.Server);
        receiver.IsAccepting = false;
        await using var sink = Create($"tls://localhost:{receiver.Port}", o =>
        {
            o.CaFile = CaFile();
            o.ConnectTimeout = TimeSpan.FromSeconds(5);
        }, time);

        // The kernel completes the TCP connection; the handshake then waits for a server that never reads it.
        var probe = Probe(sink).ProbeAsync(TestContext.Current.CancellationToken).AsTask();
        var error = await AdvanceUntilFaultedAsync(probe, time, TimeSpan.FromSeconds(6));

        Assert.True(error.IsTransient);
        Assert.Equal($"Connecting to tls://localhost:{receiver.Port} timed out after 5 s.", error.Message);
    }

    [Fact]
    public async Task ProbeAsync_Udp_ResolvesTheHostAndSendsNothing()
    {
        // localhost may resolve to ::1 or to 127.0.0.1 first: the receiver listens on both.
        await using var receiver = LoopbackUdpReceiver.StartOnLocalhost();
        await using var sink = Create(receiver.LocalhostEndpoint);

        var result = await Probe(sink).ProbeAsync(TestContext.Current.CancellationToken);

        Assert.Matches(@"^UDP: localhost resolved to (127\.0\.0\.1|::1); datagrams are not acknowledged, nothing to check further$", result);
        await sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken);
        Assert.Single(await receiver.WaitForDatagramsAsync(1, Timeout, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ProbeAsync_Udp_WithAnIpAddress_ReportsIt()
    {
        await using var sink = Create("udp://127.0.0.1:5514");

        var result = await Probe(sink).ProbeAsync(TestContext.Current.CancellationToken);

        Assert.Equal("UDP: 127.0.0.1 resolved to 127.0.0.1; datagrams are not acknowledged, nothing to check further", result);
    }

    [Fact]
    public async Task ProbeAsync_Udp_WhenTheNameDoesNotResolve_ThrowsTransientSinkExceptionLikeAWrite()
    {
        // RFC 6761: .invalid never resolves, so the resolver answers at once without asking the network.
        await using var sink = Create("udp://no-such-host.invalid:514");

        var error = await Assert.ThrowsAsync<SinkException>(() => Probe(sink).ProbeAsync(TestContext.Current.CancellationToken).AsTask());

        Assert.True(error.IsTransient);
        Assert.StartsWith("Cannot send to udp://no-such-host.invalid:514: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProbeAsync_AfterDispose_ThrowsObjectDisposedException()
    {
        var sink = Create("tcp://127.0.0.1:514");
        await sink.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => Probe(sink).ProbeAsync(TestContext.Current.CancellationToken).AsTask());
    }

    public void Dispose()
    {
        _certificates.Dispose();
        _directory.Dispose();
    }

    private static ISinkProbe Probe(ISink sink) => Assert.IsAssignableFrom<ISinkProbe>(sink);

    private string CaFile() => LoopbackCertificates.WriteCertificatePem(_certificates.Ca, _directory.Combine("ca.pem"));

    private ISink Create(string endpoint, Action<SyslogSinkOptions>? configure = null, TimeProvider? time = null)
    {
        var options = new SyslogSinkOptions { Endpoint = endpoint, HostName = Host };
        configure?.Invoke(options);
        return SyslogSinkFactory.Create(options, _formatter, time ?? TimeProvider.System);
    }

    // Timers on the fake clock fire only when it is advanced; the connect timer exists only once the probe started,
    // so advance in steps until the probe gives up, with a real deadline in case it never does.
    private static async Task<SinkException> AdvanceUntilFaultedAsync(Task probe, FakeTimeProvider time, TimeSpan step)
    {
        var deadline = TimeProvider.System.GetUtcNow() + Timeout;
        while (!probe.IsCompleted && TimeProvider.System.GetUtcNow() < deadline)
        {
            time.Advance(step);
            await Task.WhenAny(probe, Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System, TestContext.Current.CancellationToken));
        }

        return await Assert.ThrowsAsync<SinkException>(() => probe);
    }
}
