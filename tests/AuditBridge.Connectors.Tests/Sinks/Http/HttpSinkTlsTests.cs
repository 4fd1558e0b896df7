using AuditBridge.Sinks;
using AuditBridge.Sinks.Http;
using AuditBridge.TestKit;
using AuditBridge.TestKit.Receivers;

namespace AuditBridge.Connectors.Tests.Sinks.Http;

public sealed class HttpSinkTlsTests : IAsyncLifetime
{
    private readonly LoopbackCertificates _certificates = LoopbackCertificates.Create();
    private readonly TempDirectory _directory = TempDirectory.ForCaller();
    private LoopbackHttpCollector _collector = null!;

    public async ValueTask InitializeAsync() =>
        _collector = await LoopbackHttpCollector.StartAsync(_certificates.Server, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _collector.DisposeAsync();
        _certificates.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task WriteAsync_WhenCaFileTrustsTheServer_DeliversOverHttps()
    {
        await using var sink = Create(o => o.CaFile = CaFile(_certificates));
        var auditEvent = Some.Event();

        await sink.WriteAsync([auditEvent], TestContext.Current.CancellationToken);

        Assert.Equal("https", _collector.BaseUrl.Scheme);
        Assert.Contains(auditEvent.Id, Assert.Single(_collector.Requests).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_WhenTheServerCertificateIsNotTrusted_ThrowsPermanentSinkExceptionThatSaysWhy()
    {
        await using var sink = Create();

        var error = await Assert.ThrowsAsync<SinkException>(() => sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken).AsTask());

        Assert.False(error.IsTransient);
        Assert.Contains($"TLS verification of {_collector.BaseUrl}", error.Message, StringComparison.Ordinal);
        Assert.Contains("not trusted", error.Message, StringComparison.Ordinal);
        Assert.Contains("CaFile", error.Message, StringComparison.Ordinal);
        Assert.Empty(_collector.Requests);
    }

    [Fact]
    public async Task WriteAsync_WhenCaFileHoldsAnotherCa_ThrowsPermanentSinkExceptionNamingTheFile()
    {
        using var other = LoopbackCertificates.Create("Some Other CA");
        var otherCa = CaFile(other);
        await using var sink = Create(o => o.CaFile = otherCa);

        var error = await Assert.ThrowsAsync<SinkException>(() => sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken).AsTask());

        Assert.False(error.IsTransient);
        Assert.Contains(otherCa, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_WhenTheCertificateNamesAnotherHost_ThrowsPermanentSinkException()
    {
        using var wrongName = LoopbackCertificates.Create(serverName: "siem.example.com", includeLoopbackAddresses: false);
        await using var collector = await LoopbackHttpCollector.StartAsync(wrongName.Server, TestContext.Current.CancellationToken);
        var ca = CaFile(wrongName);
        await using var sink = HttpSinkFactory.Create(new HttpSinkOptions { Endpoint = collector.BaseUrl.ToString(), CaFile = ca }, null, TimeProvider.System);

        var error = await Assert.ThrowsAsync<SinkException>(() => sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken).AsTask());

        Assert.False(error.IsTransient);
        Assert.Contains("not issued for '127.0.0.1'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_WithInsecureSkipVerify_DeliversDespiteTheUntrustedCertificate()
    {
        await using var sink = Create(o => o.InsecureSkipVerify = true);

        await sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken);

        Assert.Single(_collector.Requests);
    }

    [Fact]
    public async Task WriteAsync_WithAClientCertificate_PresentsIt()
    {
        await using var collector = await LoopbackHttpCollector.StartAsync(_certificates.Server, requireClientCertificate: true, TestContext.Current.CancellationToken);
        var options = new HttpSinkOptions
        {
            Endpoint = collector.BaseUrl.ToString(),
            CaFile = CaFile(_certificates),
            ClientCertificateFile = LoopbackCertificates.WriteCertificatePem(_certificates.Client, _directory.Combine("client.pem")),
            ClientKeyFile = LoopbackCertificates.WriteKeyPem(_certificates.Client, _directory.Combine("client.key")),
        };
        await using var sink = HttpSinkFactory.Create(options, null, TimeProvider.System);

        await sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken);

        Assert.Equal("CN=auditbridge-client", Assert.Single(collector.Requests).ClientCertificateSubject);
    }

    [Fact]
    public async Task WriteAsync_WhenAPlainHttpServerListensOnTheHttpsPort_ThrowsAnError()
    {
        await using var plain = await LoopbackHttpCollector.StartAsync(certificate: null, TestContext.Current.CancellationToken);
        var endpoint = new UriBuilder(plain.BaseUrl) { Scheme = "https" }.Uri.ToString();
        await using var sink = HttpSinkFactory.Create(new HttpSinkOptions { Endpoint = endpoint }, null, TimeProvider.System);

        var error = await Assert.ThrowsAsync<SinkException>(() => sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken).AsTask());

        Assert.Contains("TLS handshake", error.Message, StringComparison.Ordinal);
        Assert.Empty(plain.Requests);
    }

    private ISink Create(Action<HttpSinkOptions>? configure = null)
    {
        var options = new HttpSinkOptions { Endpoint = _collector.BaseUrl.ToString() };
        configure?.Invoke(options);
        return HttpSinkFactory.Create(options, formatter: null, TimeProvider.System);
    }

    private string CaFile(LoopbackCertificates certificates) =>
        LoopbackCertificates.WriteCertificatePem(certificates.Ca, _directory.Combine($"{Guid.NewGuid():N}-ca.pem"));
}
