using System.Net;
using System.Text.Json;
using AuditBridge.Simulators.Dropbox;

namespace AuditBridge.Connectors.Tests.Simulators;

public sealed class DropboxSimulatorFilterTests : IAsyncLifetime
{
    private static readonly DropboxSimulatorOptions Options = new() { EventCount = 20_000, Seed = 3 };

    private DropboxSimulator _simulator = null!;
    private SimulatorHttp _http = null!;

    public async ValueTask InitializeAsync()
    {
        _simulator = await DropboxSimulator.StartAsync(Options, cancellationToken: TestContext.Current.CancellationToken);
        _http = new SimulatorHttp(_simulator);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _simulator.DisposeAsync();
    }

    [Theory]
    [InlineData("""{"category": "logins"}""")]
    [InlineData("""{"category": {".tag": "logins"}}""")]
    public async Task GetEvents_WithCategoryInShortOrLongForm_ReturnsOnlyThatCategory(string body)
    {
        var expected = Expected(new DropboxEventQuery { Category = "logins" });

        var received = await DrainEventsAsync(body);

        Assert.Equal(expected, received);
        Assert.Equal(20_000 / 631 * 12, received.Count, tolerance: 12);
    }

    [Theory]
    [InlineData("""{"event_type": "login_fail", "limit": 7}""")]
    [InlineData("""{"event_type": {".tag": "login_fail"}, "limit": 7}""")]
    public async Task GetEvents_WithEventType_ReturnsOnlyThatType(string body)
    {
        var expected = Expected(new DropboxEventQuery { EventType = "login_fail" });

        var received = await DrainEventsAsync(body);

        Assert.Equal(expected, received);
        Assert.All(received, e => Assert.Contains("\"login_fail\"", e, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetEvents_WithAccountId_ReturnsEventsWhereTheAccountIsActorContextOrParticipant()
    {
        var account = _simulator.Events.AccountIds[3];
        var expected = Expected(new DropboxEventQuery { AccountId = account });

        var received = await DrainEventsAsync($$"""{"account_id": "{{account}}", "limit": 1000}""");

        Assert.Equal(expected, received);
        Assert.NotEmpty(received);
        Assert.All(received, e => Assert.Contains(account, e, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetEvents_WithTimeRange_IncludesStartAndExcludesEnd()
    {
        var received = await DrainEventsAsync("""{"time": {"start_time": "2024-01-01T00:01:40Z", "end_time": "2024-01-01T00:03:20Z"}}""");

        var times = received.Select(EventsPage.TimestampOf).Order().ToList();
        Assert.Equal(10, times.Count);
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 1, 40, TimeSpan.Zero), times[0]);
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 3, 10, TimeSpan.Zero), times[^1]);
    }

    [Fact]
    public async Task GetEvents_WithCategoryAndEventType_Returns409InvalidFilters()
    {
        var (status, body, _) = await _http.PostForTextAsync(SimulatorHttp.GetEventsPath, """{"category": "logins", "event_type": "login_fail"}""");

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("""{"error_summary":"invalid_filters/..","error":{".tag":"invalid_filters"}}""", body);
    }

    [Fact]
    public async Task GetEvents_WithStartAfterEnd_Returns409InvalidTimeRange()
    {
        var (status, body, _) = await _http.PostForTextAsync(
            SimulatorHttp.GetEventsPath,
            """{"time": {"start_time": "2024-01-02T00:00:00Z", "end_time": "2024-01-01T00:00:00Z"}}""");

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("invalid_time_range", ErrorTag(body));
    }

    [Fact]
    public async Task GetEvents_WithUnknownAccount_Returns409AccountIdNotFound()
    {
        var unknown = "dbid:AA" + new string('z', 33);

        var (status, body, _) = await _http.PostForTextAsync(SimulatorHttp.GetEventsPath, $$"""{"account_id": "{{unknown}}"}""");

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("account_id_not_found", ErrorTag(body));
    }

    [Theory]
    [InlineData("""{"limit": 0}""")]
    [InlineData("""{"limit": 1001}""")]
    [InlineData("""{"limit": 1.5}""")]
    [InlineData("""{"limit": "10"}""")]
    [InlineData("""{"time": {"start_time": "2024-01-01T00:00:00.000Z"}}""")]
    [InlineData("""{"time": {"start_time": "2024-01-01 00:00:00"}}""")]
    [InlineData("""{"time": {"end_time": "2024-01-01T00:00:00+01:00"}}""")]
    [InlineData("""{"category": "no_such_category"}""")]
    [InlineData("""{"event_type": {".tag": "no_such_type"}}""")]
    [InlineData("""{"account_id": "dbid:short"}""")]
    [InlineData("""{"limit": 10""")]
    [InlineData("""not json""")]
    [InlineData("")]
    public async Task GetEvents_WithBadArgument_Returns400PlainText(string body)
    {
        var (status, text, response) = await _http.PostForTextAsync(SimulatorHttp.GetEventsPath, body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("Error in call to API function \"team_log/get_events\"", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task GetEvents_WithoutJsonContentType_Returns400PlainText(string contentType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, SimulatorHttp.GetEventsPath)
        {
            Content = new StringContent("{}", System.Text.Encoding.UTF8, contentType),
            Headers = { Authorization = new("Bearer", SimulatorHttp.StaticToken) },
        };

        using var response = await _http.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Content-Type", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1000)]
    public async Task GetEvents_WithLimitAtTheBounds_ReturnsThatManyEvents(int limit)
    {
        var page = await _http.GetEventsAsync($$"""{"limit": {{limit}}}""");

        Assert.Equal(limit, page.Events.Count);
        Assert.True(page.HasMore);
    }

    [Fact]
    public async Task GetEvents_WithoutLimit_DefaultsTo1000()
    {
        var page = await _http.GetEventsAsync("{}");

        Assert.Equal(1000, page.Events.Count);
    }

    private static string ErrorTag(string body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("error").GetProperty(".tag").GetString()!;
    }

    private List<string> Expected(DropboxEventQuery query) =>
        [.. DropboxSimulatorPagingTests.Json(_simulator.Events, _simulator.Events.GetMatchingIndexes(query)).Order(StringComparer.Ordinal)];

    private async Task<List<string>> DrainEventsAsync(string body)
    {
        var pages = await _http.DrainAsync(body);
        return [.. pages.SelectMany(p => p.Events).Order(StringComparer.Ordinal)];
    }
}
