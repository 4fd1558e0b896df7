using System.Text;
using AuditBridge.Simulators.Dropbox;
using AuditBridge.TestKit.Time;

namespace AuditBridge.Connectors.Tests.Simulators;

public sealed class DropboxSimulatorPagingTests
{
    private static readonly DateTimeOffset First = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Continue_UntilHasMoreIsFalse_ReturnsExactlyTheGeneratedSequence()
    {
        await using var simulator = await DropboxSimulator.StartAsync(new DropboxSimulatorOptions { EventCount = 2_000 }, cancellationToken: TestContext.Current.CancellationToken);
        using var http = new SimulatorHttp(simulator);
        var expected = Json(simulator.Events, simulator.Events.GetMatchingIndexes(new DropboxEventQuery()));

        var pages = await http.DrainAsync("""{"limit": 100}""");

        var received = pages.SelectMany(p => p.Events).ToList();
        Assert.Equal(expected.Count, received.Count);
        Assert.Equal(expected.Order(StringComparer.Ordinal), received.Order(StringComparer.Ordinal));
        Assert.Equal(received.Count, received.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task Continue_AcrossPages_MovesForwardInTimeWithoutOverlap()
    {
        await using var simulator = await DropboxSimulator.StartAsync(new DropboxSimulatorOptions { EventCount = 1_000 }, cancellationToken: TestContext.Current.CancellationToken);
        using var http = new SimulatorHttp(simulator);

        var pages = await http.DrainAsync("""{"limit": 50}""");

        var nonEmpty = pages.Where(p => p.Events.Count > 0).ToList();
        for (var i = 1; i < nonEmpty.Count; i++)
        {
            Assert.True(nonEmpty[i - 1].Timestamps.Max() < nonEmpty[i].Timestamps.Min());
        }
    }

    [Fact]
    public async Task GetEvents_PageOfManyEvents_IsNotSortedByTimestamp()
    {
        await using var simulator = await DropboxSimulator.StartAsync(new DropboxSimulatorOptions { EventCount = 1_000 }, cancellationToken: TestContext.Current.CancellationToken);
        using var http = new SimulatorHttp(simulator);

        var page = await http.GetEventsAsync("""{"limit": 200}""");

        Assert.Equal(200, page.Events.Count);
        Assert.NotEqual(page.Timestamps.Order(), page.Timestamps);
    }

    [Fact]
    public async Task Continue_EveryNthPage_IsEmptyOrShortWhileHasMoreStaysTrue()
    {
        var options = new DropboxSimulatorOptions { EventCount = 5_000, EmptyPageEvery = 7, ShortPageEvery = 5 };
        await using var simulator = await DropboxSimulator.StartAsync(options, cancellationToken: TestContext.Current.CancellationToken);
        using var http = new SimulatorHttp(simulator);

        var pages = await http.DrainAsync("""{"limit": 100}""");

        Assert.Empty(pages[6].Events);
        Assert.True(pages[6].HasMore);
        Assert.Empty(pages[13].Events);
        Assert.Equal(50, pages[4].Events.Count);
        Assert.Equal(50, pages[9].Events.Count);
        Assert.Equal(100, pages[0].Events.Count);
        Assert.Equal(5_000, pages.Sum(p => p.Events.Count));
    }

    [Fact]
    public async Task Continue_EveryResponse_CarriesANewCursor()
    {
        await using var simulator = await DropboxSimulator.StartAsync(new DropboxSimulatorOptions { EventCount = 300 }, cancellationToken: TestContext.Current.CancellationToken);
        using var http = new SimulatorHttp(simulator);
        var pages = await http.DrainAsync("""{"limit": 100}""");

        var again = await http.ContinueAsync(pages[^1].Cursor);

        var cursors = pages.Select(p => p.Cursor).Append(again.Cursor).ToList();
        Assert.Equal(cursors.Count, cursors.Distinct(StringComparer.Ordinal).Count());
        Assert.False(again.HasMore);
        Assert.Empty(again.Events);
    }

    [Fact]
    public async Task Continue_OpenEndedAndCaughtUp_ReturnsEventsThatAppearAsTheClockAdvances()
    {
        var clock = new FakeTimeProvider(First.AddSeconds(100));
        var options = new DropboxSimulatorOptions { EmptyPageEvery = 0, ShortPageEvery = 0 };
        await using var simulator = await DropboxSimulator.StartAsync(options, clock, TestContext.Current.CancellationToken);
        using var http = new SimulatorHttp(simulator);
        var caughtUp = await http.GetEventsAsync("""{"time": {"start_time": "2024-01-01T00:00:00Z"}}""");

        clock.Advance(TimeSpan.FromSeconds(50));
        var later = await http.ContinueAsync(caughtUp.Cursor);

        Assert.Equal(11, caughtUp.Events.Count);
        Assert.False(caughtUp.HasMore);
        Assert.Equal(Json(simulator.Events, [11, 12, 13, 14, 15]).Order(StringComparer.Ordinal), later.Events.Order(StringComparer.Ordinal));
        Assert.False(later.HasMore);
    }

    [Fact]
    public async Task GetEvents_TwoSimulatorsWithTheSameSeed_ServeIdenticalBytes()
    {
        var options = new DropboxSimulatorOptions { EventCount = 3_000, Seed = 42 };
        await using var first = await DropboxSimulator.StartAsync(options, cancellationToken: TestContext.Current.CancellationToken);
        await using var second = await DropboxSimulator.StartAsync(options, cancellationToken: TestContext.Current.CancellationToken);
        using var firstHttp = new SimulatorHttp(first);
        using var secondHttp = new SimulatorHttp(second);

        var (_, firstBody, _) = await firstHttp.PostForTextAsync(SimulatorHttp.GetEventsPath, """{"limit": 500}""");
        var (_, secondBody, _) = await secondHttp.PostForTextAsync(SimulatorHttp.GetEventsPath, """{"limit": 500}""");

        Assert.Equal(firstBody, secondBody);
        Assert.True(firstBody.Length > 100_000);
    }

    [Fact]
    public async Task GetEvents_WithSeed_ServesTheGeneratorsBytes()
    {
        await using var simulator = await DropboxSimulator.StartAsync(new DropboxSimulatorOptions { EventCount = 10, Seed = 7, ShortPageEvery = 0 }, cancellationToken: TestContext.Current.CancellationToken);
        using var http = new SimulatorHttp(simulator);

        var page = await http.GetEventsAsync("{}");

        Assert.Equal(Json(simulator.Events, Enumerable.Range(0, 10).Select(i => (long)i)).Order(StringComparer.Ordinal), page.Events.Order(StringComparer.Ordinal));
    }

    internal static List<string> Json(DropboxEventGenerator events, IEnumerable<long> indexes) =>
        [.. indexes.Select(i => Encoding.UTF8.GetString(events.GetEventJson(i).Span))];
}
