using System.Net;
using System.Text;
using AuditBridge.Simulators.Box;
using AuditBridge.TestKit.Time;

namespace AuditBridge.Connectors.Tests.Simulators.Box;

public sealed class BoxSimulatorFaultTests : IAsyncLifetime
{
    private BoxSimulator _simulator = null!;
    private BoxSimulatorHttp _http = null!;

    public async ValueTask InitializeAsync()
    {
        _simulator = await BoxSimulator.StartAsync(new BoxSimulatorOptions { EventCount = 500 }, new FakeTimeProvider(new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero)), TestContext.Current.CancellationToken);
        _http = new BoxSimulatorHttp(_simulator);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _simulator.DisposeAsync();
    }

    [Fact]
    public async Task RateLimited_Answers429WithRetryAfterAndBoxsErrorBody()
    {
        _simulator.Faults.Enqueue(BoxFault.RateLimited(30));

        var (status, body, response) = await _http.GetAsync("?stream_type=admin_logs");

        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter?.Delta);
        Assert.Equal("rate_limit_exceeded", BoxSimulatorHttp.Field(body, "code"));
        Assert.Equal("429", BoxSimulatorHttp.Field(body, "status"));
    }

    [Theory]
    [InlineData(500, "application/json")]
    [InlineData(503, "application/json")]
    [InlineData(502, "text/html")]
    public async Task ServerError_AnswersTheStatusWithAJsonOrGatewayBody(int code, string mediaType)
    {
        _simulator.Faults.Enqueue(BoxFault.ServerError(code));

        var (status, _, response) = await _http.GetAsync("?stream_type=admin_logs");

        Assert.Equal(code, (int)status);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ServerError_OtherThan500Or503_SendsTheGatewaysHtmlPageNamingTheStatus()
    {
        _simulator.Faults.Enqueue(BoxFault.ServerError(504));

        var (_, body, _) = await _http.GetAsync("?stream_type=admin_logs");

        Assert.Equal("<html>\r\n<head><title>504 Gateway Timeout</title></head>\r\n<body>\r\n<center><h1>504 Gateway Timeout</h1></center>\r\n</body>\r\n</html>\r\n", body);
    }

    [Fact]
    public async Task InvalidStreamPosition_SkipsRequestsWithoutAPosition_AndCountsSkipOnlyOnRequestsWithOne()
    {
        _simulator.Faults.Enqueue(BoxFault.InvalidStreamPosition() with { Skip = 1 });

        var first = await _http.PageAsync("?stream_type=admin_logs&limit=10");
        var second = await _http.PageAsync($"?stream_type=admin_logs&limit=10&stream_position={first.Position}");
        var (third, body, _) = await _http.GetAsync($"?stream_type=admin_logs&limit=10&stream_position={second.Position}");
        var fourth = await _http.PageAsync($"?stream_type=admin_logs&limit=10&stream_position={second.Position}");

        Assert.Equal(HttpStatusCode.BadRequest, third);
        Assert.Equal("Invalid stream position", BoxSimulatorHttp.Field(body, "message"));
        Assert.NotEmpty(fourth.Entries);
        Assert.Equal(0, _simulator.Faults.Count);
    }

    [Fact]
    public async Task TruncatedBody_AnnouncesTheWholeBodyButSendsHalf()
    {
        _simulator.Faults.Enqueue(BoxFault.TruncatedBody());

        var failure = await Record.ExceptionAsync(() => _http.GetAsync("?stream_type=admin_logs&limit=100"));

        Assert.IsAssignableFrom<HttpRequestException>(failure);
    }

    [Fact]
    public async Task NotJson_Answers200WithAnHtmlPage()
    {
        _simulator.Faults.Enqueue(BoxFault.NotJson());

        var (status, body, response) = await _http.GetAsync("?stream_type=admin_logs");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<!DOCTYPE html>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_AnswersVerbatim_AndTimesRepeatsIt()
    {
        const string Forbidden = """{"type":"error","status":403,"code":"access_denied_insufficient_permissions","message":"Access denied - insufficient permission"}""";
        _simulator.Faults.Enqueue(BoxFault.Status(403, Forbidden, "application/json") with { Times = 2 });

        var first = await _http.GetAsync("?stream_type=admin_logs");
        var second = await _http.GetAsync("?stream_type=admin_logs");
        var third = await _http.GetAsync("?stream_type=admin_logs");

        Assert.Equal((HttpStatusCode.Forbidden, Forbidden), (first.Status, first.Body));
        Assert.Equal(HttpStatusCode.Forbidden, second.Status);
        Assert.Equal(HttpStatusCode.OK, third.Status);
    }

    [Fact]
    public async Task Route_TokenFaultsLeaveEventRequestsAlone()
    {
        _simulator.Faults.Enqueue(BoxFault.ServerError() with { Route = BoxRoute.Token });

        var (events, _, _) = await _http.GetAsync("?stream_type=admin_logs");
        var (token, _) = await _http.TokenAsync(BoxSimulatorHttp.ClientCredentialsForm);

        Assert.Equal(HttpStatusCode.OK, events);
        Assert.Equal(HttpStatusCode.InternalServerError, token);
    }

    [Fact]
    public async Task Hang_NeverAnswers_UntilTheClientGivesUp()
    {
        _simulator.Faults.Enqueue(BoxFault.Hang());
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMilliseconds(300));

        var failure = await Record.ExceptionAsync(() => _http.Client.GetAsync("2.0/events?stream_type=admin_logs", timeout.Token));

        Assert.IsAssignableFrom<OperationCanceledException>(failure);
    }

    [Fact]
    public async Task ControlEndpoint_QueuesAFaultFromAnotherProcess()
    {
        using var content = new StringContent("""{"kind":"rate_limited","retry_after":7,"route":"events","times":1}""", Encoding.UTF8, "application/json");
        using var queued = await _http.Client.PostAsync("_simulator/faults", content, TestContext.Current.CancellationToken);

        var (status, _, response) = await _http.GetAsync("?stream_type=admin_logs");
        using var counts = await _http.Client.GetAsync("_simulator/requests", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, queued.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
        Assert.Equal("1", BoxSimulatorHttp.Field(await counts.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), "events"));
    }
}
