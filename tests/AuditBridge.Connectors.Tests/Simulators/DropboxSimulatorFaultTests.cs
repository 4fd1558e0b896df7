using System.Net;
using System.Text;
using System.Text.Json;
using AuditBridge.Simulators.Dropbox;

namespace AuditBridge.Connectors.Tests.Simulators;

public sealed class DropboxSimulatorFaultTests : IAsyncLifetime
{
    private DropboxSimulator _simulator = null!;
    private SimulatorHttp _http = null!;

    public async ValueTask InitializeAsync()
    {
        _simulator = await DropboxSimulator.StartAsync(new DropboxSimulatorOptions { EventCount = 500 }, cancellationToken: TestContext.Current.CancellationToken);
        _http = new SimulatorHttp(_simulator);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _simulator.DisposeAsync();
    }

    [Fact]
    public async Task RateLimited_InHeaderAndBody_Returns429WithRetryAfterAndJsonReason()
    {
        _simulator.Faults.Enqueue(DropboxFault.RateLimited(30));

        var (status, body, response) = await _http.PostForTextAsync(SimulatorHttp.GetEventsPath, "{}");

        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter?.Delta);
        Assert.Equal("""{"error_summary":"too_many_requests/..","error":{"reason":{".tag":"too_many_requests"},"retry_after":30}}""", body);
    }

    [Fact]
    public async Task RateLimited_InHeaderOnly_OmitsRetryAfterFromTheBody()
    {
        _simulator.Faults.Enqueue(DropboxFault.RateLimited(5, RetryAfterIn.Header));

        var (status, body, response) = await _http.PostForTextAsync(SimulatorHttp.GetEventsPath, "{}");

        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.DoesNotContain("retry_after", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RateLimited_InBodyOnly_SendsNoRetryAfterHeader()
    {
        _simulator.Faults.Enqueue(DropboxFault.RateLimited(7, RetryAfterIn.Body));

        var (status, body, response) = await _http.PostForTextAsync(SimulatorHttp.GetEventsPath, "{}");

        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Null(response.Headers.RetryAfter);
        Assert.Contains("\"retry_after\":7", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RateLimited_AsPlainText_ReturnsTextBody()
    {
        _simulator.Faults.Enqueue(DropboxFault.RateLimited(2, plainText: true));

        var (status, _, response) = await _http.PostForTextAsync(SimulatorHttp.GetEventsPath, "{}");

        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
    }

    [Theory]
    [InlineData(500, "text/plain")]
    [InlineData(502, "text/html")]
    [InlineData(503, "text/html")]
    public async Task ServerError_ReturnsTheStatusWithANonJsonBody(int code, string mediaType)
    {
        _simulator.Faults.Enqueue(DropboxFault.ServerError(code));

        var (status, _, response) = await _http.PostForTextAsync(SimulatorHttp.GetEventsPath, "{}");

        Assert.Equal(code, (int)status);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ServerError_Other5xx_SendsTheNginxPageInFrontOfTheApi()
    {
        _simulator.Faults.Enqueue(DropboxFault.ServerError(503));

        var (_, body, _) = await _http.PostForTextAsync(SimulatorHttp.GetEventsPath, "{}");

        Assert.Equal("<html>\r\n<head><title>503 Service Unavailable</title></head>\r\n<body>\r\n<center><h1>503</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n", body);
    }

    [Fact]
    public async Task TruncatedBody_AnnouncesTheFullLengthThenDropsTheConnection()
    {
        _simulator.Faults.Enqueue(DropboxFault.TruncatedBody());
        using var response = await _http.Client.SendAsync(
            new HttpRequestMessage(HttpMethod.Post, SimulatorHttp.GetEventsPath)
            {
                Content = new StringContent("""{"limit": 200}""", Encoding.UTF8, "application/json"),
                Headers = { Authorization = new("Bearer", SimulatorHttp.StaticToken) },
            },
            HttpCompletionOption.ResponseHeadersRead,
            TestContext.Current.CancellationToken);

        var failure = await Record.ExceptionAsync(() => response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Content.Headers.ContentLength > 100_000);
        Assert.True(failure is HttpRequestException or IOException, failure?.ToString());
    }

    [Fact]
    public async Task NotJson_Returns200WithHtml()
    {
        _simulator.Faults.Enqueue(DropboxFault.NotJson());

        var (status, body, response) = await _http.PostForTextAsync(SimulatorHttp.GetEventsPath, "{}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<!DOCTYPE html>", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(401, """{"error_summary":"missing_scope/..","error":{".tag":"missing_scope","required_scope":"events.read"}}""", "application/json")]
    [InlineData(403, """{"error":{".tag":"team_access_denied"}}""", "application/json")]
    [InlineData(400, "Error in call to API function \"team_log/get_events\": this app is not a team app", "text/plain")]
    public async Task Status_ReturnsTheGivenResponseVerbatim(int code, string body, string contentType)
    {
        _simulator.Faults.Enqueue(DropboxFault.Status(code, body, contentType));

        var (status, received, response) = await _http.PostForTextAsync(SimulatorHttp.GetEventsPath, "{}");

        Assert.Equal(code, (int)status);
        Assert.Equal(body, received);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Hang_NeverAnswers_UntilTheClientGivesUpAndThenServesTheNextRequest()
    {
        _simulator.Faults.Enqueue(DropboxFault.Hang());
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMilliseconds(300));

        var failure = await Record.ExceptionAsync(() => _http.PostAsync(SimulatorHttp.GetEventsPath, "{}", cancellationToken: timeout.Token));
        var next = await _http.GetEventsAsync("""{"limit": 5}""");

        Assert.IsAssignableFrom<OperationCanceledException>(failure);
        Assert.Equal(5, next.Events.Count);
    }

    [Fact]
    public async Task Enqueue_WithTimes_FailsThatManyRequestsThenRecovers()
    {
        _simulator.Faults.Enqueue(DropboxFault.ServerError(503) with { Times = 2 });

        var first = await _http.PostForTextAsync(SimulatorHttp.GetEventsPath, "{}");
        var second = await _http.PostForTextAsync(SimulatorHttp.GetEventsPath, "{}");
        var third = await _http.PostForTextAsync(SimulatorHttp.GetEventsPath, "{}");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.Status);
        Assert.Equal(HttpStatusCode.OK, third.Status);
        Assert.Equal(0, _simulator.Faults.Count);
    }

    [Fact]
    public async Task Enqueue_ForContinueOnly_LeavesGetEventsAlone()
    {
        _simulator.Faults.Enqueue(DropboxFault.RateLimited(1) with { Route = DropboxRoute.Continue });

        var page = await _http.GetEventsAsync("""{"limit": 10}""");
        var (status, _, _) = await _http.PostForTextAsync(SimulatorHttp.ContinuePath, SimulatorHttp.ContinueBody(page.Cursor));

        Assert.Equal(10, page.Events.Count);
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
    }

    [Fact]
    public void Enqueue_CursorFaultForGetEventsOnly_Throws()
    {
        var fault = DropboxFault.ResetCursor() with { Route = DropboxRoute.GetEvents };

        var failure = Record.Exception(() => _simulator.Faults.Enqueue(fault));

        Assert.IsType<ArgumentException>(failure);
        Assert.Equal(0, _simulator.Faults.Count);
    }

    [Fact]
    public async Task ControlEndpoint_PostedFault_AppliesToTheNextRequest()
    {
        using var content = new StringContent("""{"kind": "rate_limited", "retry_after": 9, "route": "get_events", "times": 1}""", Encoding.UTF8, "application/json");
        using var queued = await _http.Client.PostAsync("_simulator/faults", content, TestContext.Current.CancellationToken);

        var (status, _, response) = await _http.PostForTextAsync(SimulatorHttp.GetEventsPath, "{}");

        Assert.Equal(HttpStatusCode.OK, queued.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal(TimeSpan.FromSeconds(9), response.Headers.RetryAfter?.Delta);
    }

    [Theory]
    [InlineData("""{"kind": "server_error", "status": 502}""")]
    [InlineData("""{"kind": "reset_cursor", "at": "2024-01-01T00:00:00Z"}""")]
    [InlineData("""{"kind": "bad_cursor"}""")]
    [InlineData("""{"kind": "truncated_body", "route": ["get_events", "continue"]}""")]
    [InlineData("""{"kind": "not_json"}""")]
    [InlineData("""{"kind": "expire_access_token"}""")]
    [InlineData("""{"kind": "status", "status": 403, "body": "{}", "content_type": "application/json"}""")]
    [InlineData("""{"kind": "hang"}""")]
    public async Task ControlEndpoint_EveryFaultKind_IsAccepted(string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");

        using var response = await _http.Client.PostAsync("_simulator/faults", content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, _simulator.Faults.Count);
    }

    [Theory]
    [InlineData("""{"kind": "no_such_fault"}""")]
    [InlineData("""{"kind": "rate_limited", "route": "nowhere"}""")]
    [InlineData("""{"kind": "server_error", "status": 404}""")]
    [InlineData("""{"kind": "bad_cursor", "route": "get_events"}""")]
    [InlineData("""not json""")]
    public async Task ControlEndpoint_InvalidFault_Returns400(string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");

        using var response = await _http.Client.PostAsync("_simulator/faults", content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, _simulator.Faults.Count);
    }

    [Fact]
    public async Task ControlEndpoint_Requests_CountsPerRoute()
    {
        var page = await _http.GetEventsAsync("""{"limit": 10}""");
        await _http.ContinueAsync(page.Cursor);
        await _http.ContinueAsync(page.Cursor);

        var json = await _http.Client.GetStringAsync("_simulator/requests", TestContext.Current.CancellationToken);

        using var document = JsonDocument.Parse(json);
        Assert.Equal(1, document.RootElement.GetProperty("get_events").GetInt64());
        Assert.Equal(2, document.RootElement.GetProperty("continue").GetInt64());
        Assert.Equal(0, document.RootElement.GetProperty("token").GetInt64());
        Assert.Equal(3, _simulator.Requests.Count);
    }

    [Fact]
    public async Task Requests_RecordPathHeadersAndBody()
    {
        await _http.GetEventsAsync("""{"limit": 3}""");

        var request = Assert.Single(_simulator.Requests);

        Assert.Equal("POST", request.Method);
        Assert.Equal("/2/team_log/get_events", request.Path);
        Assert.Equal("Bearer sim-access-token", request.Authorization);
        Assert.Equal("""{"limit": 3}""", request.Body);
    }
}
