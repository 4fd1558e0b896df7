using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using AuditBridge.Events;
using AuditBridge.Formats;
using AuditBridge.Secrets;
using AuditBridge.Sinks;
using AuditBridge.Sinks.Http;
using AuditBridge.TestKit;
using AuditBridge.TestKit.Receivers;
using AuditBridge.TestKit.Secrets;
using AuditBridge.TestKit.Time;

namespace AuditBridge.Connectors.Tests.Sinks.Http;

public sealed class HttpSinkTests : IAsyncLifetime
{
    private const string TokenValue = "7c4b1f0e-93a2-4d5e-b8f1-2a6c9e0d3b74";
    private static readonly IEventFormatter Json = EventFormatters.Json();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2024, 5, 3, 12, 0, 0, TimeSpan.Zero));
    private LoopbackHttpCollector _collector = null!;

    public async ValueTask InitializeAsync() =>
        _collector = await LoopbackHttpCollector.StartAsync(certificate: null, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _collector.DisposeAsync();

    [Fact]
    public async Task WriteAsync_NdjsonMode_PostsOneJsonFormatterLinePerEvent()
    {
        await using var sink = Create(Url("ingest"));
        IReadOnlyList<AuditEvent> batch = [Some.Event(), Some.Event(description: "line1\nline2 é 日本語")];

        await sink.WriteAsync(batch, TestContext.Current.CancellationToken);

        var request = Assert.Single(_collector.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/ingest", request.PathAndQuery);
        Assert.Equal("application/x-ndjson", request.Header("Content-Type"));
        Assert.Equal(Lines(Json, batch), request.Text);
    }

    [Fact]
    public async Task WriteAsync_NdjsonModeWithCefFormatter_PostsTheCefLinesAsText()
    {
        var formatter = new TestCefFormatter();
        await using var sink = Create(Url("ingest"), formatter: formatter);
        IReadOnlyList<AuditEvent> batch = [Some.Event(), Some.Event()];

        await sink.WriteAsync(batch, TestContext.Current.CancellationToken);

        var request = Assert.Single(_collector.Requests);
        Assert.Equal("text/plain; charset=utf-8", request.Header("Content-Type"));
        Assert.Equal(Lines(formatter, batch), request.Text);
    }

    [Fact]
    public async Task WriteAsync_WithHeaders_SendsPlainAndSecretHeaders()
    {
        await using var sink = Create(Url("ingest"), o =>
        {
            o.Headers["X-Tenant"] = "acme";
            o.Headers["Content-Language"] = "en";
            o.SecretHeaders["Authorization"] = new Secret("Bearer " + TokenValue, "env WEBHOOK_TOKEN");
        });

        await sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken);

        var request = Assert.Single(_collector.Requests);
        Assert.Equal("acme", request.Header("X-Tenant"));
        Assert.Equal("en", request.Header("Content-Language"));
        Assert.Equal("Bearer " + TokenValue, request.Header("Authorization"));
        Assert.StartsWith("AuditBridge/", request.Header("User-Agent"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_HecModeWithBaseUrl_PostsEventObjectsToTheEventEndpointWithTheToken()
    {
        await using var sink = Create(_collector.BaseUrl.ToString(), Hec(o =>
        {
            o.Host = "collector-01";
            o.Index = "audit";
        }));
        var time = new DateTimeOffset(2024, 5, 3, 10, 41, 7, 123, TimeSpan.Zero);
        IReadOnlyList<AuditEvent> batch = [Some.Event(time: time), Some.Event(vendor: "box")];

        await sink.WriteAsync(batch, TestContext.Current.CancellationToken);

        var request = Assert.Single(_collector.Requests);
        Assert.Equal("/services/collector/event", request.PathAndQuery);
        Assert.Equal("Splunk " + TokenValue, request.Header("Authorization"));
        Assert.Equal("application/json", request.Header("Content-Type"));
        var events = HecEvents(request.Text);
        Assert.Equal(2, events.Count);
        Assert.StartsWith("""{"time":1714732867.123,"host":"collector-01","source":"dropbox","sourcetype":"_json","index":"audit","event":{""", events[0].Raw, StringComparison.Ordinal);
        Assert.Equal(batch.Select(e => Json.FormatToString(e)), events.Select(e => e.Element.GetProperty("event").GetRawText()));
        Assert.Equal("box", events[1].Element.GetProperty("source").GetString());
    }

    [Fact]
    public async Task WriteAsync_HecModeWithFullEndpoint_PostsToThePathAsGiven()
    {
        await using var sink = Create(Url("services/collector/event/1.0"), Hec());

        await sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken);

        Assert.Equal("/services/collector/event/1.0", Assert.Single(_collector.Requests).PathAndQuery);
    }

    [Fact]
    public async Task WriteAsync_HecModeWithCefFormatter_SendsEachRecordAsAStringEventWithoutSourcetype()
    {
        var formatter = new TestCefFormatter();
        await using var sink = Create(Url(), Hec(o => o.Source = "auditbridge"), formatter);
        var auditEvent = Some.Event(actor: new Principal(PrincipalKind.User, Email: "quote\" back\\slash"));

        await sink.WriteAsync([auditEvent], TestContext.Current.CancellationToken);

        var hec = Assert.Single(HecEvents(Assert.Single(_collector.Requests).Text)).Element;
        Assert.Equal(formatter.FormatToString(auditEvent), hec.GetProperty("event").GetString());
        Assert.Equal("auditbridge", hec.GetProperty("source").GetString());
        Assert.Equal(Environment.MachineName, hec.GetProperty("host").GetString());
        Assert.False(hec.TryGetProperty("sourcetype", out _));
        Assert.False(hec.TryGetProperty("index", out _));
    }

    [Fact]
    public async Task WriteAsync_MoreEventsThanMaxBatchEvents_PostsSeveralRequestsInOrderWithEveryRecordOnce()
    {
        await using var sink = Create(Url(), o => o.MaxBatchEvents = 2);
        var batch = Enumerable.Range(0, 5).Select(_ => Some.Event()).ToList();

        await sink.WriteAsync(batch, TestContext.Current.CancellationToken);

        var requests = _collector.Requests;
        Assert.Equal([2, 2, 1], requests.Select(r => r.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length));
        Assert.Equal(Lines(Json, batch), string.Concat(requests.Select(r => r.Text)));
        Assert.Equal(5, sink.Statistics.Records);
    }

    [Theory]
    [InlineData(0, new[] { 2, 2, 1 })]
    [InlineData(-1, new[] { 1, 1, 1, 1, 1 })]
    [InlineData(1, new[] { 2, 2, 1 })]
    public async Task WriteAsync_MoreBytesThanMaxBatchBytes_SplitsAtTheExactLimit(int slack, int[] expected)
    {
        var batch = Enumerable.Range(0, 5).Select(_ => Some.Event()).ToList();
        var line = Encoding.UTF8.GetByteCount(Json.FormatToString(batch[0]) + "\n");
        await using var sink = Create(Url(), o => o.MaxBatchBytes = (2 * line) + slack);

        await sink.WriteAsync(batch, TestContext.Current.CancellationToken);

        var requests = _collector.Requests;
        Assert.Equal(expected, requests.Select(r => r.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length));
        Assert.All(requests, r => Assert.True(r.Body.Length <= (2 * line) + slack));
        Assert.Equal(Lines(Json, batch), string.Concat(requests.Select(r => r.Text)));
    }

    [Fact]
    public async Task WriteAsync_WhenOneRecordAloneExceedsMaxBatchBytes_ShortensItToFitAndDeliversTheBatch()
    {
        await using var sink = Create(Url(), o => o.MaxBatchBytes = 4096);
        var huge = Some.Event(raw: $$"""{"note":"{{new string('x', 5000)}}"}""");
        IReadOnlyList<AuditEvent> batch = [Some.Event(), huge, Some.Event()];

        await sink.WriteAsync(batch, TestContext.Current.CancellationToken);

        var lines = string.Concat(_collector.Requests.Select(r => r.Text)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Equal(huge.Id, JsonDocument.Parse(lines[1]).RootElement.GetProperty("id").GetString());
        Assert.True(Encoding.UTF8.GetByteCount(lines[1]) + 1 <= 4096);
        Assert.All(_collector.Requests, r => Assert.True(r.Body.Length <= 4096));
        Assert.Equal(1, sink.Statistics.Shortened);
        Assert.Equal(3, sink.Statistics.Records);
    }

    [Fact]
    public async Task WriteAsync_WhenARecordCannotBeShortenedToMaxBatchBytes_ThrowsPermanentNamingTheEventAndSendsNothing()
    {
        await using var sink = Create(Url(), Hec(o => o.MaxBatchBytes = 4096), new TestCefFormatter());
        var huge = Some.Event(description: new string('x', 5000));

        var error = await Assert.ThrowsAsync<SinkException>(() => sink.WriteAsync([Some.Event(), huge], TestContext.Current.CancellationToken).AsTask());

        Assert.False(error.IsTransient);
        Assert.Contains(huge.Id, error.Message, StringComparison.Ordinal);
        Assert.Contains("Raise MaxBatchBytes", error.Message, StringComparison.Ordinal);
        Assert.Empty(_collector.Requests);
    }

    [Fact]
    public async Task WriteAsync_When413OnSeveralRecords_HalvesTheRequestUntilAcceptedAndRemembersTheLimit()
    {
        _collector.Enqueue(new CollectorResponse(413, "Request Entity Too Large"));
        await using var sink = Create(Url());
        var first = Enumerable.Range(0, 4).Select(_ => Some.Event()).ToList();
        var second = Enumerable.Range(0, 4).Select(_ => Some.Event()).ToList();

        await sink.WriteAsync(first, TestContext.Current.CancellationToken);
        await sink.WriteAsync(second, TestContext.Current.CancellationToken);

        var requests = _collector.Requests;
        var refused = requests[0].Body.Length;
        Assert.Equal([4, 2, 2], requests.Take(3).Select(r => r.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length));
        Assert.Equal(Lines(Json, first), requests[1].Text + requests[2].Text);
        Assert.Equal(Lines(Json, second), string.Concat(requests.Skip(3).Select(r => r.Text)));
        Assert.All(requests.Skip(3), r => Assert.True(r.Body.Length < refused));
        Assert.Equal(8, sink.Statistics.Records);
    }

    [Fact]
    public async Task WriteAsync_When413OnOneRecord_ThrowsPermanentNamingTheEventAndTheReceiverLimit()
    {
        _collector.Enqueue(new CollectorResponse(413, "Request Entity Too Large"));
        await using var sink = Create(Url());
        var auditEvent = Some.Event();

        var error = await Assert.ThrowsAsync<SinkException>(() => sink.WriteAsync([auditEvent], TestContext.Current.CancellationToken).AsTask());

        Assert.False(error.IsTransient);
        Assert.Contains($"event '{auditEvent.Id}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("even alone: raise the receiver's request limit", error.Message, StringComparison.Ordinal);
        Assert.Single(_collector.Requests);
    }

    [Fact]
    public async Task WriteAsync_WhenCompleted_CountsEveryRecordAndTheBodyBytes()
    {
        await using var sink = Create(Url(), Hec(o => o.MaxBatchEvents = 2));

        await sink.WriteAsync([Some.Event(), Some.Event(), Some.Event()], TestContext.Current.CancellationToken);

        Assert.Equal(3, sink.Statistics.Records);
        Assert.Equal(_collector.Requests.Sum(r => r.Body.Length), sink.Statistics.Bytes);
        Assert.Equal(DeliveryGuarantee.AtLeastOnce, sink.Guarantee);
    }

    [Fact]
    public async Task WriteAsync_WithGzip_SendsACompressedBodyThatDecodesToTheLines()
    {
        await using var sink = Create(Url(), o => o.Gzip = true);
        IReadOnlyList<AuditEvent> batch = [Some.Event(), Some.Event(), Some.Event()];

        await sink.WriteAsync(batch, TestContext.Current.CancellationToken);

        var request = Assert.Single(_collector.Requests);
        Assert.Equal("gzip", request.Header("Content-Encoding"));
        Assert.Equal([0x1f, 0x8b], request.Body[..2]);
        Assert.True(request.Body.Length < request.DecodedBody.Length);
        Assert.Equal(Lines(Json, batch), request.Text);
    }

    [Fact]
    public async Task WriteAsync_EmptyBatch_SendsNothing()
    {
        await using var sink = Create(Url());

        await sink.WriteAsync([], TestContext.Current.CancellationToken);

        Assert.Empty(_collector.Requests);
    }

    [Theory]
    [InlineData("30", 30)]
    [InlineData("0", 0)]
    public async Task WriteAsync_When429WithRetryAfterSeconds_ThrowsTransientWithTheWait(string header, int seconds)
    {
        _collector.Enqueue(CollectorResponse.RetryAfter(429, header));
        await using var sink = Create(Url());

        var error = await Assert.ThrowsAsync<SinkException>(() => sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken).AsTask());

        Assert.True(error.IsTransient);
        Assert.Equal(TimeSpan.FromSeconds(seconds), error.RetryAfter);
        Assert.Contains("429", error.Message, StringComparison.Ordinal);
        Assert.Contains("rate limiting", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, sink.Statistics.Records);
    }

    [Fact]
    public async Task WriteAsync_When429WithRetryAfterDate_ThrowsTransientWithTheWaitFromTheClock()
    {
        var until = _clock.GetUtcNow().AddMinutes(2);
        _collector.Enqueue(CollectorResponse.RetryAfter(429, until.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
        await using var sink = Create(Url());

        var error = await Assert.ThrowsAsync<SinkException>(() => sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken).AsTask());

        Assert.True(error.IsTransient);
        Assert.Equal(TimeSpan.FromMinutes(2), error.RetryAfter);
    }

    [Fact]
    public async Task WriteAsync_When503WithRetryAfter_ThrowsTransientWithTheWait()
    {
        _collector.Enqueue(new CollectorResponse(503, """{"text":"Server is busy","code":9}""", new Dictionary<string, string> { ["Retry-After"] = "5" }));
        await using var sink = Create(Url(), Hec());

        var error = await Assert.ThrowsAsync<SinkException>(() => sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken).AsTask());

        Assert.True(error.IsTransient);
        Assert.Equal(TimeSpan.FromSeconds(5), error.RetryAfter);
        Assert.Contains("Server is busy", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    [InlineData(408)]
    public async Task WriteAsync_WhenServerFailsWithoutRetryAfter_ThrowsTransientWithoutAWait(int status)
    {
        _collector.Enqueue(new CollectorResponse(status, "upstream trouble"));
        await using var sink = Create(Url());

        var error = await Assert.ThrowsAsync<SinkException>(() => sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken).AsTask());

        Assert.True(error.IsTransient);
        Assert.Null(error.RetryAfter);
        Assert.Contains($"HTTP {status}", error.Message, StringComparison.Ordinal);
        Assert.Contains("upstream trouble", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(400, "malformed")]
    [InlineData(401, "SecretHeaders")]
    [InlineData(403, "SecretHeaders")]
    [InlineData(404, "check Endpoint")]
    [InlineData(405, "POST")]
    [InlineData(415, "content type")]
    [InlineData(422, "refused the events")]
    public async Task WriteAsync_WhenReceiverRejectsTheRequest_ThrowsPermanentWithTheFix(int status, string fix)
    {
        _collector.Enqueue(new CollectorResponse(status, "no"));
        await using var sink = Create(Url("hook"), o => o.SecretHeaders["Authorization"] = new Secret("Bearer " + TokenValue, "env WEBHOOK_TOKEN"));

        var error = await Assert.ThrowsAsync<SinkException>(() => sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken).AsTask());

        Assert.False(error.IsTransient);
        Assert.Null(error.RetryAfter);
        Assert.Contains($"HTTP {status}", error.Message, StringComparison.Ordinal);
        Assert.Contains(fix, error.Message, StringComparison.Ordinal);
        Assert.Contains($"{_collector.BaseUrl}hook", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(TokenValue, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 'x')]
    [InlineData(590, 'x')]
    [InlineData(16_360, ' ')]
    public async Task WriteAsync_WhenTheReceiverEchoesTheBearerTokenAnywhereInItsAnswer_TheMessageHoldsNoPieceOfIt(int padding, char filler)
    {
        // Only the token part comes back: at the start, across the old 601-character cut, or across the 16 KiB read
        // (blank padding folds away, so what straddles the read's end is what gets quoted).
        _collector.Enqueue(new CollectorResponse(401, new string(filler, padding) + "invalid bearer " + TokenValue + "\u001b[2J\u0007 " + new string('y', 20_000)));
        await using var sink = Create(Url("hook"), o => o.SecretHeaders["Authorization"] = new Secret("Bearer " + TokenValue, "env WEBHOOK_TOKEN"));

        var error = await Assert.ThrowsAsync<SinkException>(() => sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken).AsTask());

        SecretLeaks.AssertNone(TokenValue, error.Message);
        Assert.DoesNotContain('\u001b', error.Message);
    }

    [Fact]
    public async Task Create_WithASharedRedactor_TeachesItTheTokenAndTheSecretHeaders()
    {
        var redactor = new SecretRedactor();
        var options = new HttpSinkOptions { Endpoint = Url("hook") };
        options.SecretHeaders["X-Api-Key"] = new Secret("api-key-5e1d9c7b", "env COLLECTOR_KEY");
        options.SecretHeaders["Authorization"] = new Secret("Bearer " + TokenValue, "env WEBHOOK_TOKEN");

        await using var sink = HttpSinkFactory.Create(options, Json, _clock, redactor);

        Assert.Equal("*** and ***", redactor.Redact($"api-key-5e1d9c7b and {TokenValue}"));
    }

    [Theory]
    [InlineData(403, 4, "Invalid token", "the HEC token was refused: check Token (env SPLUNK_HEC_TOKEN)")]
    [InlineData(403, 1, "Token disabled", "the HEC token is disabled")]
    [InlineData(401, 2, "Token is required", "Authorization: Splunk <token>")]
    [InlineData(400, 7, "Incorrect index", "index 'audit' is not allowed for this token")]
    [InlineData(400, 10, "Data channel is missing", "indexer acknowledgement")]
    [InlineData(400, 6, "Invalid data format", "report it")]
    public async Task WriteAsync_WhenHecRejectsTheRequest_ThrowsPermanentNamingTheHecCodeAndTheFix(int status, int code, string text, string fix)
    {
        _collector.Enqueue(CollectorResponse.Hec(status, code, text));
        await using var sink = Create(Url(), Hec(o => o.Index = "audit"));

        var error = await Assert.ThrowsAsync<SinkException>(() => sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken).AsTask());

        Assert.False(error.IsTransient);
        Assert.Contains($"HEC code {code}: \"{text}\"", error.Message, StringComparison.Ordinal);
        Assert.Contains(fix, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(TokenValue, error.Message, StringComparison.Ordinal);
    }

    // A receiver's JSON answer with a name and a text that have no text (lone surrogates): read, never thrown.
    [Fact]
    public async Task WriteAsync_WhenTheHecAnswerHoldsLoneSurrogates_ThrowsTheClassifiedSinkException()
    {
        _collector.Enqueue(new CollectorResponse(403, """{"\ud800 a member name longer than code or text":1,"text":"Invalid \ud800 token","code":4}"""));
        await using var sink = Create(Url(), Hec());

        var error = await Assert.ThrowsAsync<SinkException>(() => sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken).AsTask());

        Assert.False(error.IsTransient);
        Assert.Contains("HEC code 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_WhenTheAnswerEchoesTheToken_RedactsItFromTheMessage()
    {
        _collector.Enqueue(new CollectorResponse(401, $"unknown token 'Splunk {TokenValue}'\r\n<html>"));
        await using var sink = Create(Url(), Hec());

        var error = await Assert.ThrowsAsync<SinkException>(() => sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken).AsTask());

        Assert.DoesNotContain(TokenValue, error.Message, StringComparison.Ordinal);
        Assert.Contains("unknown token 'Splunk ***' <html>", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_WhenTheReceiverRedirects_ThrowsPermanentWithoutFollowing()
    {
        _collector.Enqueue(new CollectorResponse(308, Headers: new Dictionary<string, string> { ["Location"] = "https://elsewhere.example/ingest?key=abc" }));
        await using var sink = Create(Url("ingest"));

        var error = await Assert.ThrowsAsync<SinkException>(() => sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken).AsTask());

        Assert.False(error.IsTransient);
        Assert.Contains("redirects to https://elsewhere.example/ingest;", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("key=abc", error.Message, StringComparison.Ordinal);
        Assert.Single(_collector.Requests);
    }

    [Fact]
    public async Task WriteAsync_WhenTheReceiverDoesNotAnswerInTime_ThrowsTransientTimeout()
    {
        _collector.Enqueue(CollectorResponse.Hanging);
        await using var sink = Create(Url(), o => o.RequestTimeout = TimeSpan.FromMilliseconds(300));

        var error = await Assert.ThrowsAsync<SinkException>(() => sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken).AsTask());

        Assert.True(error.IsTransient);
        Assert.Contains("did not answer", error.Message, StringComparison.Ordinal);
        Assert.Contains("RequestTimeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_WhenNothingListens_ThrowsTransient()
    {
        var port = FreePort();
        await using var sink = Create($"http://127.0.0.1:{port}/ingest");

        var error = await Assert.ThrowsAsync<SinkException>(() => sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken).AsTask());

        Assert.True(error.IsTransient);
        Assert.Contains($"http://127.0.0.1:{port}/ingest", error.Message, StringComparison.Ordinal);
        Assert.Contains("cannot connect", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_WhenALaterRequestFails_CountsTheDeliveredOnesAndTheRetrySendsTheWholeBatch()
    {
        _collector.Enqueue(CollectorResponse.HecSuccess, new CollectorResponse(503, "busy"));
        await using var sink = Create(Url(), o => o.MaxBatchEvents = 2);
        var batch = Enumerable.Range(0, 5).Select(_ => Some.Event()).ToList();

        var error = await Assert.ThrowsAsync<SinkException>(() => sink.WriteAsync(batch, TestContext.Current.CancellationToken).AsTask());
        var countedAfterFailure = sink.Statistics.Records;
        await sink.WriteAsync(batch, TestContext.Current.CancellationToken);

        Assert.True(error.IsTransient);
        Assert.Contains("request 2 of 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("Requests 1-1 of this batch (2 records) were delivered", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, countedAfterFailure);
        var delivered = _collector.Requests.Select(r => r.Text).ToList();
        Assert.Equal(Lines(Json, batch[..2]) + Lines(Json, batch), delivered[0] + string.Concat(delivered[2..]));
    }

    [Fact]
    public async Task WriteAsync_WhenCancelled_ThrowsOperationCanceledException()
    {
        _collector.Enqueue(CollectorResponse.Hanging);
        await using var sink = Create(Url());
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancellation.CancelAfter(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sink.WriteAsync([Some.Event()], cancellation.Token).AsTask());
    }

    [Fact]
    public async Task WriteAsync_AfterDispose_ThrowsObjectDisposedException()
    {
        var sink = Create(Url());
        await sink.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken).AsTask());
    }

    [Fact]
    public void Create_WithCsvFormat_ThrowsPermanentSinkException()
    {
        var error = Assert.Throws<SinkException>(() => Create(Url(), formatter: new TestCefFormatter("csv")));

        Assert.False(error.IsTransient);
        Assert.Contains("csv", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WithoutFormatter_PostsJsonLines()
    {
        await using var sink = HttpSinkFactory.Create(new HttpSinkOptions { Endpoint = Url() }, formatter: null, _clock);
        var auditEvent = Some.Event();

        await sink.WriteAsync([auditEvent], TestContext.Current.CancellationToken);

        Assert.Equal(Lines(Json, [auditEvent]), Assert.Single(_collector.Requests).Text);
    }

    private string Url(string path = "") => _collector.BaseUrl + path;

    private static Action<HttpSinkOptions> Hec(Action<HttpSinkOptions>? more = null) => o =>
    {
        o.Mode = HttpSinkMode.SplunkHec;
        o.Token = new Secret(TokenValue, "env SPLUNK_HEC_TOKEN");
        more?.Invoke(o);
    };

    private ISink Create(string endpoint, Action<HttpSinkOptions>? configure = null, IEventFormatter? formatter = null)
    {
        var options = new HttpSinkOptions { Endpoint = endpoint };
        configure?.Invoke(options);
        return HttpSinkFactory.Create(options, formatter ?? Json, _clock);
    }

    private static string Lines(IEventFormatter formatter, IEnumerable<AuditEvent> events) =>
        string.Concat(events.Select(e => formatter.FormatToString(e) + "\n"));

    private static List<(string Raw, JsonElement Element)> HecEvents(string body)
    {
        var events = new List<(string, JsonElement)>();
        var bytes = Encoding.UTF8.GetBytes(body);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowMultipleValues = true });
        while (reader.Read())
        {
            var start = (int)reader.TokenStartIndex;
            var element = JsonElement.ParseValue(ref reader);
            events.Add((Encoding.UTF8.GetString(bytes, start, (int)reader.BytesConsumed - start), element));
        }

        return events;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
