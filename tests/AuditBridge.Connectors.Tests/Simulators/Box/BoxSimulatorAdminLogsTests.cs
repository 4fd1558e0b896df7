using System.Globalization;
using System.Net;
using System.Text.Json;
using AuditBridge.Simulators.Box;
using AuditBridge.TestKit.Time;

namespace AuditBridge.Connectors.Tests.Simulators.Box;

public sealed class BoxSimulatorAdminLogsTests
{
    private static readonly DateTimeOffset Now = new(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AdminLogs_DrainedToTheEmptyPage_ReturnsEveryEventOnceInTimeOrder()
    {
        await using var simulator = await StartAsync(new BoxSimulatorOptions { EventCount = 1_000, Seed = 3 });
        using var http = new BoxSimulatorHttp(simulator);

        var pages = await http.DrainAsync("stream_type=admin_logs&limit=100");

        var served = pages.SelectMany(p => p.Entries).ToList();
        Assert.Equal(Enumerable.Range(0, 1_000).Select(i => simulator.Events.GetEventId(i)), served.Select(e => BoxEventsPage.Field(e, "event_id")));
        Assert.Equal(served.Select(BoxEventsPage.CreatedAt).Order(), served.Select(BoxEventsPage.CreatedAt));
        Assert.Contains(pages, p => p.Entries.Count is > 0 and < 100);
        Assert.Empty(pages[^1].Entries);
        Assert.Equal(0, pages[^1].ChunkSize);
    }

    [Fact]
    public async Task AdminLogs_Positions_AreJsonNumbersAbove2Pow53_AndTheEmptyPageEchoesTheLastOne()
    {
        await using var simulator = await StartAsync(new BoxSimulatorOptions { EventCount = 300 });
        using var http = new BoxSimulatorHttp(simulator);

        var pages = await http.DrainAsync("stream_type=admin_logs&limit=200");

        Assert.All(pages, p => Assert.Equal(JsonValueKind.Number, p.PositionKind));
        Assert.All(pages, p => Assert.True(ulong.Parse(p.Position, CultureInfo.InvariantCulture) > 1UL << 53, p.Position));
        Assert.Equal(pages[^2].Position, pages[^1].Position);
    }

    [Fact]
    public async Task AdminLogs_APositionRoundedThroughADouble_IsRefusedAsAnInvalidStreamPosition()
    {
        await using var simulator = await StartAsync(new BoxSimulatorOptions { EventCount = 300 });
        using var http = new BoxSimulatorHttp(simulator);
        var page = await http.PageAsync("?stream_type=admin_logs&limit=10");
        var rounded = ((ulong)double.Parse(page.Position, CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture);

        var (status, body, _) = await http.GetAsync($"?stream_type=admin_logs&limit=10&stream_position={rounded}");

        Assert.NotEqual(page.Position, rounded);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("error", BoxSimulatorHttp.Field(body, "type"));
        Assert.Equal("bad_request", BoxSimulatorHttp.Field(body, "code"));
        Assert.Equal("Invalid stream position", BoxSimulatorHttp.Field(body, "message"));
    }

    [Fact]
    public async Task AdminLogs_APositionOfTheOtherStreamOrAnotherSeed_IsRefused()
    {
        await using var simulator = await StartAsync(new BoxSimulatorOptions { EventCount = 300 });
        await using var other = await StartAsync(new BoxSimulatorOptions { EventCount = 300, Seed = 99 });
        using var http = new BoxSimulatorHttp(simulator);
        using var otherHttp = new BoxSimulatorHttp(other);
        var streaming = (await http.PageAsync("?stream_type=admin_logs_streaming&limit=10")).Position;
        var foreign = (await otherHttp.PageAsync("?stream_type=admin_logs&limit=10")).Position;

        var (streamingStatus, _, _) = await http.GetAsync($"?stream_type=admin_logs&stream_position={streaming}");
        var (foreignStatus, _, _) = await http.GetAsync($"?stream_type=admin_logs&stream_position={foreign}");

        Assert.Equal(HttpStatusCode.BadRequest, streamingStatus);
        Assert.Equal(HttpStatusCode.BadRequest, foreignStatus);
    }

    [Fact]
    public async Task AdminLogs_APosition_SurvivesASimulatorRestart()
    {
        var options = new BoxSimulatorOptions { EventCount = 500, Seed = 5 };
        string position;
        BoxEventsPage expected;
        await using (var first = await StartAsync(options))
        {
            using var http = new BoxSimulatorHttp(first);
            position = (await http.PageAsync("?stream_type=admin_logs&limit=50")).Position;
            expected = await http.PageAsync($"?stream_type=admin_logs&limit=50&stream_position={position}");
        }

        await using var restarted = await StartAsync(options);
        using var again = new BoxSimulatorHttp(restarted);

        var page = await again.PageAsync($"?stream_type=admin_logs&limit=50&stream_position={position}");

        Assert.Equal(expected.Position, page.Position);
        Assert.Equal(expected.Entries, page.Entries);
    }

    [Fact]
    public async Task AdminLogs_WithATimeWindowAndEventTypes_ReturnsOnlyThoseEvents()
    {
        await using var simulator = await StartAsync(new BoxSimulatorOptions { EventCount = 3_000 });
        using var http = new BoxSimulatorHttp(simulator);
        var after = new DateTimeOffset(2024, 1, 1, 1, 0, 0, TimeSpan.FromHours(-7));
        var before = after.AddHours(2);
        string[] types = ["LOGIN", "FAILED_LOGIN", "DOWNLOAD"];
        var query = new BoxEventQuery { EventTypes = types, CreatedAfter = after, CreatedBefore = before };

        var pages = await http.DrainAsync($"stream_type=admin_logs&limit=7&event_type={string.Join(',', types)}&created_after=2024-01-01T01:00:00-07:00&created_before=2024-01-01T10:00:00Z");

        var ids = pages.SelectMany(p => p.EventIds).ToList();
        Assert.NotEmpty(ids);
        Assert.Equal(simulator.Events.GetMatchingIndexes(query).Select(simulator.Events.GetEventId), ids);
        Assert.All(pages.SelectMany(p => p.Entries), e => Assert.Contains(BoxEventsPage.Field(e, "event_type"), types));
    }

    [Fact]
    public async Task AdminLogs_FromNow_ReturnsNoEventsAndThePositionOfEventsStillToCome()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 1, 1, 1, 0, 0, TimeSpan.Zero));
        await using var simulator = await StartAsync(new BoxSimulatorOptions(), clock);
        using var http = new BoxSimulatorHttp(simulator);

        var now = await http.PageAsync("?stream_type=admin_logs&stream_position=now");
        clock.Advance(TimeSpan.FromMinutes(5));
        var pages = await http.DrainAsync("stream_type=admin_logs", now.Position);

        Assert.Empty(now.Entries);
        Assert.Equal(30, pages.Sum(p => p.Entries.Count));
        Assert.Equal(simulator.Events.GetEventId(361), pages[0].EventIds[0]);
    }

    [Theory]
    [InlineData(StreamPositionFormat.JsonString, JsonValueKind.String)]
    [InlineData(StreamPositionFormat.JsonNumber, JsonValueKind.Number)]
    public async Task AdminLogs_PositionFormat_DecidesTheTokenKind(StreamPositionFormat format, JsonValueKind kind)
    {
        await using var simulator = await StartAsync(new BoxSimulatorOptions { EventCount = 100, PositionFormat = format });
        using var http = new BoxSimulatorHttp(simulator);

        var pages = await http.DrainAsync("stream_type=admin_logs&limit=20");

        Assert.All(pages, p => Assert.Equal(kind, p.PositionKind));
    }

    [Fact]
    public async Task AdminLogs_AlternatingPositionFormat_SendsBothKinds()
    {
        await using var simulator = await StartAsync(new BoxSimulatorOptions { EventCount = 1_000, PositionFormat = StreamPositionFormat.Alternating });
        using var http = new BoxSimulatorHttp(simulator);

        var pages = await http.DrainAsync("stream_type=admin_logs&limit=20");

        Assert.Contains(pages, p => p.PositionKind == JsonValueKind.Number);
        Assert.Contains(pages, p => p.PositionKind == JsonValueKind.String);
    }

    [Theory]
    [InlineData("?stream_type=admin_logs&limit=501", "limit")]
    [InlineData("?stream_type=admin_logs&limit=0", "limit")]
    [InlineData("?stream_type=all", "stream_type")]
    [InlineData("?limit=10", "stream_type")]
    [InlineData("?stream_type=admin_logs&event_type=login", "event_type")]
    [InlineData("?stream_type=admin_logs&created_after=yesterday", "created_after")]
    public async Task Events_WithAnInvalidParameter_Returns400NamingIt(string query, string parameter)
    {
        await using var simulator = await StartAsync(new BoxSimulatorOptions { EventCount = 10 });
        using var http = new BoxSimulatorHttp(simulator);

        var (status, body, _) = await http.GetAsync(query);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        using var document = JsonDocument.Parse(body);
        Assert.Equal(parameter, document.RootElement.GetProperty("context_info").GetProperty("errors")[0].GetProperty("name").GetString());
    }

    private static Task<BoxSimulator> StartAsync(BoxSimulatorOptions options, TimeProvider? time = null) =>
        BoxSimulator.StartAsync(options, time ?? new FakeTimeProvider(Now), TestContext.Current.CancellationToken);
}
