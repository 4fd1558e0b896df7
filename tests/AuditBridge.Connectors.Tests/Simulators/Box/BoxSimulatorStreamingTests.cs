using System.Text.Json;
using AuditBridge.Simulators.Box;
using AuditBridge.TestKit.Time;

namespace AuditBridge.Connectors.Tests.Simulators.Box;

public sealed class BoxSimulatorStreamingTests
{
    private static readonly DateTimeOffset Now = new(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Streaming_Drained_DeliversEveryEventAtLeastOnce_WithRepeatsAndOutOfTimeOrder()
    {
        await using var simulator = await StartAsync(new BoxSimulatorOptions { EventCount = 2_000, Seed = 4 });
        using var http = new BoxSimulatorHttp(simulator);

        var pages = await http.DrainAsync("stream_type=admin_logs_streaming&limit=100");

        var ids = pages.SelectMany(p => p.EventIds).ToList();
        var expected = simulator.Events.GetMatchingIndexes(new BoxEventQuery { Streaming = true }).Select(simulator.Events.GetEventId).ToList();
        Assert.Equal(expected.Order(StringComparer.Ordinal), ids.Distinct().Order(StringComparer.Ordinal));
        Assert.True(ids.Count > expected.Count, "some events should be delivered twice");
        var times = pages.SelectMany(p => p.Entries).Select(BoxEventsPage.CreatedAt).ToList();
        Assert.NotEqual(times.Order(), times);
    }

    [Fact]
    public async Task Streaming_WhenCaughtUp_AnswersAnEmptyPageWithPositionZero()
    {
        await using var simulator = await StartAsync(new BoxSimulatorOptions { EventCount = 150 });
        using var http = new BoxSimulatorHttp(simulator);

        var pages = await http.DrainAsync("stream_type=admin_logs_streaming&limit=100");

        Assert.Equal("0", pages[^1].Position);
        Assert.Equal(JsonValueKind.Number, pages[^1].PositionKind);
        Assert.NotEqual("0", pages[^2].Position);
    }

    [Fact]
    public async Task Streaming_WhenCaughtUpWithoutZeroPositions_EchoesThePosition()
    {
        await using var simulator = await StartAsync(new BoxSimulatorOptions { EventCount = 150, ZeroPositionWhenCaughtUp = false });
        using var http = new BoxSimulatorHttp(simulator);

        var pages = await http.DrainAsync("stream_type=admin_logs_streaming&limit=100");

        Assert.Equal(pages[^2].Position, pages[^1].Position);
    }

    [Fact]
    public async Task Streaming_InAnUnboundedDataset_ServesWholeBlocksOnly_AndTheRestWhenTheyComplete()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(10 * 99));
        await using var simulator = await StartAsync(new BoxSimulatorOptions { StreamingBlockSize = 32, StreamingRepeatEvery = 0 }, clock);
        using var http = new BoxSimulatorHttp(simulator);

        var first = await http.DrainAsync("stream_type=admin_logs_streaming&limit=500");
        clock.Advance(TimeSpan.FromSeconds(10 * 28));
        var second = await http.DrainAsync("stream_type=admin_logs_streaming&limit=500", first[^2].Position);

        Assert.Equal(96, first.Sum(p => p.Entries.Count));
        Assert.Equal(32, second.Sum(p => p.Entries.Count));
    }

    [Fact]
    public async Task Streaming_IgnoresTheTimeWindow_AsBoxDoes()
    {
        await using var simulator = await StartAsync(new BoxSimulatorOptions { EventCount = 300, StreamingRepeatEvery = 0 });
        using var http = new BoxSimulatorHttp(simulator);

        var pages = await http.DrainAsync("stream_type=admin_logs_streaming&limit=500&created_after=2030-01-01T00:00:00Z");

        Assert.Equal(300, pages.Sum(p => p.Entries.Count));
    }

    [Fact]
    public async Task Streaming_FromNow_ReturnsNothingAndAPositionThatFollowsNewEvents()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 1, 1, 1, 0, 0, TimeSpan.Zero));
        await using var simulator = await StartAsync(new BoxSimulatorOptions { StreamingBlockSize = 1, StreamingRepeatEvery = 0 }, clock);
        using var http = new BoxSimulatorHttp(simulator);

        var now = await http.PageAsync("?stream_type=admin_logs_streaming&stream_position=now");
        clock.Advance(TimeSpan.FromMinutes(1));
        var pages = await http.DrainAsync("stream_type=admin_logs_streaming", now.Position);

        Assert.Empty(now.Entries);
        Assert.NotEqual("0", now.Position);
        Assert.Equal(6, pages.Sum(p => p.Entries.Count));
    }

    private static Task<BoxSimulator> StartAsync(BoxSimulatorOptions options, TimeProvider? time = null) =>
        BoxSimulator.StartAsync(options, time ?? new FakeTimeProvider(Now), TestContext.Current.CancellationToken);
}
