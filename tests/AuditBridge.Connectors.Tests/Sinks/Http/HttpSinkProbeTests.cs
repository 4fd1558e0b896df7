using System.Net;
using System.Net.Sockets;
using AuditBridge.Secrets;
using AuditBridge.Sinks;
using AuditBridge.Sinks.Http;
using AuditBridge.TestKit;
using AuditBridge.TestKit.Receivers;

namespace AuditBridge.Connectors.Tests.Sinks.Http;

public sealed class HttpSinkProbeTests : IAsyncLifetime
{
    private const string TokenValue = "7c4b1f0e-93a2-4d5e-b8f1-2a6c9e0d3b74";
    private const string WebhookSecret = "Bearer whk-5f2a9c";
    private readonly LoopbackCertificates _certificates = LoopbackCertificates.Create();
    private readonly TempDirectory _directory = TempDirectory.ForCaller();
    private LoopbackHttpCollector _collector = null!;

    public async ValueTask InitializeAsync() =>
        _collector = await LoopbackHttpCollector.StartAsync(certificate: null, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _collector.DisposeAsync();
        _certificates.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task ProbeAsync_HecWithAGoodToken_PostsAnEmptyBodyWithTheTokenAndReportsItAccepted()
    {
        _collector.HecToken = TokenValue;
        await using var sink = Create(_collector.BaseUrl.ToString(), Hec());

        var result = await Probe(sink).ProbeAsync(TestContext.Current.CancellationToken);

        Assert.Equal($"Splunk HEC at {_collector.BaseUrl}services/collector/event accepted the token", result);
        var request = Assert.Single(_collector.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/services/collector/event", request.PathAndQuery);
        Assert.Equal("Splunk " + TokenValue, request.Header("Authorization"));
        Assert.Empty(request.Body);
        Assert.Equal(0, sink.Statistics.Records);
    }

    [Fact]
    public async Task ProbeAsync_HecWithGzip_StillSendsAnEmptyUncompressedBody()
    {
        _collector.HecToken = TokenValue;
        await using var sink = Create(Url(), Hec(o => o.Gzip = true));

        await Probe(sink).ProbeAsync(TestContext.Current.CancellationToken);

        var request = Assert.Single(_collector.Requests);
        Assert.Empty(request.Body);
        Assert.Null(request.Header("Content-Encoding"));
    }

    [Fact]
    public async Task ProbeAsync_HecWhenTheReceiverAnswers2xx_ReportsTheTokenAccepted()
    {
        await using var sink = Create(Url(), Hec());

        var result = await Probe(sink).ProbeAsync(TestContext.Current.CancellationToken);

        Assert.EndsWith("accepted the token", result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProbeAsync_HecWithAWrongToken_ThrowsPermanentNamingTheHecCodeAndTheFixWithoutTheToken()
    {
        _collector.HecToken = "another-token";
        await using var sink = Create(Url(), Hec());

        var error = await Assert.ThrowsAsync<SinkException>(() => Probe(sink).ProbeAsync(TestContext.Current.CancellationToken).AsTask());

        Assert.False(error.IsTransient);
        Assert.Equal(
            $"Splunk HEC at {_collector.BaseUrl}services/collector/event answered HTTP 403 (HEC code 4: \"Invalid token\") to an empty request (check --probe): "
            + "the HEC token was refused: check Token (env SPLUNK_HEC_TOKEN) against Settings > Data inputs > HTTP Event Collector of this Splunk instance.",
            error.Message);
        Assert.DoesNotContain(TokenValue, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(403, 1, "Token disabled", "the HEC token is disabled")]
    [InlineData(401, 2, "Token is required", "Authorization: Splunk <token>")]
    [InlineData(401, 3, "Invalid authorization", "Authorization: Splunk <token>")]
    [InlineData(400, 10, "Data channel is missing", "indexer acknowledgement")]
    public async Task ProbeAsync_HecWhenSplunkRefusesTheToken_ThrowsPermanentWithTheSinksFix(int status, int code, string text, string fix)
    {
        _collector.Enqueue(CollectorResponse.Hec(status, code, text));
        await using var sink = Create(Url(), Hec());

        var error = await Assert.ThrowsAsync<SinkException>(() => Probe(sink).ProbeAsync(TestContext.Current.CancellationToken).AsTask());

        Assert.False(error.IsTransient);
        Assert.Contains($"HEC code {code}: \"{text}\"", error.Message, StringComparison.Ordinal);
        Assert.Contains(fix, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProbeAsync_HecWhenSplunkIsBusy_ThrowsTransientWithItsWait()
    {
        _collector.Enqueue(new CollectorResponse(503, """{"text":"Server is busy","code":9}""", new Dictionary<string, string> { ["Retry-After"] = "30" }));
        await using var sink = Create(Url(), Hec());

        var error = await Assert.ThrowsAsync<SinkException>(() => Probe(sink).ProbeAsync(TestContext.Current.CancellationToken).AsTask());

        Assert.True(error.IsTransient);
        Assert.Equal(TimeSpan.FromSeconds(30), error.RetryAfter);
        Assert.EndsWith("to an empty request (check --probe): the receiver is overloaded or down for maintenance; it asks to wait 30 s (Retry-After).", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProbeAsync_Ndjson_SendsHeadWithTheConfiguredHeadersAndReportsTheStatus()
    {
        await using var sink = Create(Url("ingest"), o =>
        {
            o.Headers["X-Tenant"] = "acme";
            o.Headers["Content-Language"] = "en";
            o.SecretHeaders["Authorization"] = new Secret(WebhookSecret, "env WEBHOOK_AUTH");
        });

        var result = await Probe(sink).ProbeAsync(TestContext.Current.CancellationToken);

        Assert.Equal($"HTTP endpoint {_collector.BaseUrl}ingest answered 200 to HEAD", result);
        var request = Assert.Single(_collector.Requests);
        Assert.Equal("HEAD", request.Method);
        Assert.Equal("acme", request.Header("X-Tenant"));
        Assert.Equal(WebhookSecret, request.Header("Authorization"));
        Assert.Empty(request.Body);
    }

    [Fact]
    public async Task ProbeAsync_NdjsonWithAQuery_NeverShowsTheQuery()
    {
        _collector.Enqueue(new CollectorResponse(401, $"no such key: {TokenValue}"));
        await using var sink = Create(Url($"ingest?key={TokenValue}"));
        await using var good = Create(Url($"ingest?key={TokenValue}"));

        var error = await Assert.ThrowsAsync<SinkException>(() => Probe(sink).ProbeAsync(TestContext.Current.CancellationToken).AsTask());
        var result = await Probe(good).ProbeAsync(TestContext.Current.CancellationToken);

        Assert.DoesNotContain(TokenValue, error.Message, StringComparison.Ordinal);
        Assert.Equal($"HTTP endpoint {_collector.BaseUrl}ingest?… answered 200 to HEAD", result);
        Assert.Equal($"/ingest?key={TokenValue}", _collector.Requests[0].PathAndQuery);
    }

    [Theory]
    [InlineData(404)]
    [InlineData(405)]
    [InlineData(400)]
    public async Task ProbeAsync_NdjsonWhenTheEndpointRefusesHead_ReportsItReachable(int status)
    {
        _collector.Enqueue(new CollectorResponse(status, "POST only"));
        await using var sink = Create(Url("ingest"));

        var result = await Probe(sink).ProbeAsync(TestContext.Current.CancellationToken);

        Assert.Equal($"HTTP endpoint {_collector.BaseUrl}ingest answered {status} to HEAD", result);
    }

    [Theory]
    [InlineData(401, "the receiver wants credentials: set its Authorization header (or its API key header) in SecretHeaders.")]
    [InlineData(403, "the receiver refused the credentials: check the values in SecretHeaders and what they are allowed to do.")]
    [InlineData(407, "a proxy between here and the receiver wants credentials")]
    public async Task ProbeAsync_NdjsonWhenTheCredentialsAreRefused_ThrowsPermanentNamingThem(int status, string fix)
    {
        _collector.Enqueue(new CollectorResponse(status));
        await using var sink = Create(Url("ingest"), o => o.SecretHeaders["Authorization"] = new Secret(WebhookSecret, "env WEBHOOK_AUTH"));

        var error = await Assert.ThrowsAsync<SinkException>(() => Probe(sink).ProbeAsync(TestContext.Current.CancellationToken).AsTask());

        Assert.False(error.IsTransient);
        Assert.StartsWith($"{_collector.BaseUrl}ingest answered HTTP {status} to a HEAD request (check --probe): {fix}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(WebhookSecret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProbeAsync_NdjsonWhenTheReceiverFails_ThrowsTransient()
    {
        _collector.Enqueue(new CollectorResponse(502));
        await using var sink = Create(Url("ingest"));

        var error = await Assert.ThrowsAsync<SinkException>(() => Probe(sink).ProbeAsync(TestContext.Current.CancellationToken).AsTask());

        Assert.True(error.IsTransient);
        Assert.Contains("answered HTTP 502 to a HEAD request (check --probe): the receiver failed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProbeAsync_WhenNothingListens_ThrowsTransient()
    {
        var port = FreePort();
        await using var sink = Create($"http://127.0.0.1:{port}/ingest");

        var error = await Assert.ThrowsAsync<SinkException>(() => Probe(sink).ProbeAsync(TestContext.Current.CancellationToken).AsTask());

        Assert.True(error.IsTransient);
        Assert.StartsWith($"Sending a HEAD request (check --probe) to http://127.0.0.1:{port}/ingest failed: cannot connect (", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sent again", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProbeAsync_ThenWriteAsync_DeliversTheBatch()
    {
        _collector.HecToken = TokenValue;
        await using var sink = Create(Url(), Hec());
        await Probe(sink).ProbeAsync(TestContext.Current.CancellationToken);

        await sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken);

        Assert.Equal(2, _collector.Requests.Count);
        Assert.NotEmpty(_collector.Requests[1].Body);
        Assert.Equal(1, sink.Statistics.Records);
    }

    [Fact]
    public async Task ProbeAsync_AfterDispose_ThrowsObjectDisposedException()
    {
        var sink = Create(Url());
        await sink.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => Probe(sink).ProbeAsync(TestContext.Current.CancellationToken).AsTask());
    }

    [Fact]
    public async Task ProbeAsync_OverHttpsWithCaFile_SaysTheCertificateWasVerified()
    {
        await using var collector = await LoopbackHttpCollector.StartAsync(_certificates.Server, TestContext.Current.CancellationToken);
        collector.HecToken = TokenValue;
        await using var sink = Create(collector.BaseUrl.ToString(), Hec(o => o.CaFile = CaFile()));

        var result = await Probe(sink).ProbeAsync(TestContext.Current.CancellationToken);

        Assert.Equal($"Splunk HEC at {collector.BaseUrl}services/collector/event accepted the token; TLS certificate verified", result);
    }

    [Fact]
    public async Task ProbeAsync_OverHttpsWithAnUntrustedCertificate_ThrowsPermanentSinkExceptionThatSaysWhy()
    {
        await using var collector = await LoopbackHttpCollector.StartAsync(_certificates.Server, TestContext.Current.CancellationToken);
        await using var sink = Create(collector.BaseUrl.ToString());

        var error = await Assert.ThrowsAsync<SinkException>(() => Probe(sink).ProbeAsync(TestContext.Current.CancellationToken).AsTask());

        Assert.False(error.IsTransient);
        Assert.StartsWith($"TLS verification of {collector.BaseUrl} failed: its chain is not trusted", error.Message, StringComparison.Ordinal);
        Assert.Empty(collector.Requests);
    }

    [Fact]
    public async Task ProbeAsync_OverHttpsWithInsecureSkipVerify_SaysTheCertificateWasNotVerified()
    {
        await using var collector = await LoopbackHttpCollector.StartAsync(_certificates.Server, TestContext.Current.CancellationToken);
        await using var sink = Create(collector.BaseUrl.ToString(), o => o.InsecureSkipVerify = true);

        var result = await Probe(sink).ProbeAsync(TestContext.Current.CancellationToken);

        Assert.Equal($"HTTP endpoint {collector.BaseUrl} answered 200 to HEAD; TLS certificate NOT verified (InsecureSkipVerify)", result);
    }

    private static ISinkProbe Probe(ISink sink) => Assert.IsAssignableFrom<ISinkProbe>(sink);

    private string Url(string path = "") => _collector.BaseUrl + path;

    private string CaFile() => LoopbackCertificates.WriteCertificatePem(_certificates.Ca, _directory.Combine("ca.pem"));

    private static Action<HttpSinkOptions> Hec(Action<HttpSinkOptions>? more = null) => o =>
    {
        o.Mode = HttpSinkMode.SplunkHec;
        o.Token = new Secret(TokenValue, "env SPLUNK_HEC_TOKEN");
        more?.Invoke(o);
    };

    private static ISink Create(string endpoint, Action<HttpSinkOptions>? configure = null)
    {
        var options = new HttpSinkOptions { Endpoint = endpoint };
        configure?.Invoke(options);
        return HttpSinkFactory.Create(options, formatter: null, TimeProvider.System);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
