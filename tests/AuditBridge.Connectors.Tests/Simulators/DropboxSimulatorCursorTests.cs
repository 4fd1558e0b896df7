using System.Net;
using System.Text.Json;
using AuditBridge.Simulators.Dropbox;

namespace AuditBridge.Connectors.Tests.Simulators;

public sealed class DropboxSimulatorCursorTests
{
    private static readonly DropboxSimulatorOptions Options = new() { EventCount = 1_000, Seed = 11 };

    [Fact]
    public async Task Continue_AfterSimulatorRestart_AcceptsTheCursorAndResumesWhereItStopped()
    {
        string cursor;
        List<string> firstPages;
        await using (var before = await DropboxSimulator.StartAsync(Options, cancellationToken: TestContext.Current.CancellationToken))
        {
            using var http = new SimulatorHttp(before);
            var first = await http.GetEventsAsync("""{"limit": 100}""");
            var second = await http.ContinueAsync(first.Cursor);
            cursor = second.Cursor;
            firstPages = [.. first.Events, .. second.Events];
        }

        await using var after = await DropboxSimulator.StartAsync(Options, cancellationToken: TestContext.Current.CancellationToken);
        using var afterHttp = new SimulatorHttp(after);
        var rest = new List<string>();
        var page = await afterHttp.ContinueAsync(cursor);
        rest.AddRange(page.Events);
        while (page.HasMore)
        {
            page = await afterHttp.ContinueAsync(page.Cursor);
            rest.AddRange(page.Events);
        }

        var expected = DropboxSimulatorPagingTests.Json(after.Events, Enumerable.Range(0, 1_000).Select(i => (long)i));
        Assert.Equal(expected.Order(StringComparer.Ordinal), firstPages.Concat(rest).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Continue_WithTamperedCursor_Returns409BadCursor()
    {
        await using var simulator = await DropboxSimulator.StartAsync(Options, cancellationToken: TestContext.Current.CancellationToken);
        using var http = new SimulatorHttp(simulator);
        var page = await http.GetEventsAsync("""{"limit": 10}""");
        var tampered = page.Cursor[..20] + (page.Cursor[20] == 'A' ? 'B' : 'A') + page.Cursor[21..];

        var (status, body, _) = await http.PostForTextAsync(SimulatorHttp.ContinuePath, SimulatorHttp.ContinueBody(tampered));

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("""{"error_summary":"bad_cursor/..","error":{".tag":"bad_cursor"}}""", body);
    }

    [Theory]
    [InlineData("not-a-cursor")]
    [InlineData("")]
    public async Task Continue_WithUndecodableCursor_Returns409BadCursor(string cursor)
    {
        await using var simulator = await DropboxSimulator.StartAsync(Options, cancellationToken: TestContext.Current.CancellationToken);
        using var http = new SimulatorHttp(simulator);

        var (status, body, _) = await http.PostForTextAsync(SimulatorHttp.ContinuePath, SimulatorHttp.ContinueBody(cursor));

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("bad_cursor", ErrorTag(body));
    }

    [Fact]
    public async Task Continue_WithCursorFromAnotherSeed_Returns409BadCursor()
    {
        await using var other = await DropboxSimulator.StartAsync(new DropboxSimulatorOptions { EventCount = 1_000, Seed = 12 }, cancellationToken: TestContext.Current.CancellationToken);
        await using var simulator = await DropboxSimulator.StartAsync(Options, cancellationToken: TestContext.Current.CancellationToken);
        using var otherHttp = new SimulatorHttp(other);
        using var http = new SimulatorHttp(simulator);
        var foreign = await otherHttp.GetEventsAsync("""{"limit": 10}""");

        var (status, body, _) = await http.PostForTextAsync(SimulatorHttp.ContinuePath, SimulatorHttp.ContinueBody(foreign.Cursor));

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("bad_cursor", ErrorTag(body));
    }

    [Fact]
    public async Task Continue_WithoutCursorField_Returns400PlainText()
    {
        await using var simulator = await DropboxSimulator.StartAsync(Options, cancellationToken: TestContext.Current.CancellationToken);
        using var http = new SimulatorHttp(simulator);

        var (status, body, _) = await http.PostForTextAsync(SimulatorHttp.ContinuePath, "{}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("Error in call to API function \"team_log/get_events/continue\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Continue_WhenResetFaultTakesEffect_Returns409ResetWithTheLastReturnedEventTime()
    {
        await using var simulator = await DropboxSimulator.StartAsync(Options, cancellationToken: TestContext.Current.CancellationToken);
        using var http = new SimulatorHttp(simulator);
        var page = await http.GetEventsAsync("""{"limit": 100}""");
        simulator.Faults.Enqueue(DropboxFault.ResetCursor());

        var (status, body, _) = await http.PostForTextAsync(SimulatorHttp.ContinuePath, SimulatorHttp.ContinueBody(page.Cursor));

        Assert.Equal(HttpStatusCode.Conflict, status);
        var newest = page.Timestamps.Max().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($$$"""{"error_summary":"reset/..","error":{".tag":"reset","reset":"{{{newest}}}"}}""", body);
    }

    [Fact]
    public async Task Continue_AfterReset_KeepsFailingForTheWholeLineageUntilGetEventsStartsOver()
    {
        await using var simulator = await DropboxSimulator.StartAsync(Options, cancellationToken: TestContext.Current.CancellationToken);
        using var http = new SimulatorHttp(simulator);
        var first = await http.GetEventsAsync("""{"limit": 100}""");
        var second = await http.ContinueAsync(first.Cursor);
        simulator.Faults.Enqueue(DropboxFault.ResetCursor(new DateTimeOffset(2024, 1, 1, 0, 5, 0, TimeSpan.Zero)));
        await http.PostForTextAsync(SimulatorHttp.ContinuePath, SimulatorHttp.ContinueBody(second.Cursor));

        var (againStatus, againBody, _) = await http.PostForTextAsync(SimulatorHttp.ContinuePath, SimulatorHttp.ContinueBody(second.Cursor));
        var (olderStatus, _, _) = await http.PostForTextAsync(SimulatorHttp.ContinuePath, SimulatorHttp.ContinueBody(first.Cursor));
        var fresh = await http.GetEventsAsync("""{"limit": 100, "time": {"start_time": "2024-01-01T00:05:00Z"}}""");
        var freshNext = await http.ContinueAsync(fresh.Cursor);

        Assert.Equal(HttpStatusCode.Conflict, againStatus);
        Assert.Contains("\"reset\":\"2024-01-01T00:05:00Z\"", againBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, olderStatus);
        Assert.Equal(100, fresh.Events.Count);
        Assert.NotEmpty(freshNext.Events);
    }

    [Fact]
    public async Task Continue_WhenBadCursorFaultTakesEffect_Returns409OnceThenTheCursorStillWorks()
    {
        await using var simulator = await DropboxSimulator.StartAsync(Options, cancellationToken: TestContext.Current.CancellationToken);
        using var http = new SimulatorHttp(simulator);
        var page = await http.GetEventsAsync("""{"limit": 100}""");
        simulator.Faults.Enqueue(DropboxFault.BadCursor());

        var (status, body, _) = await http.PostForTextAsync(SimulatorHttp.ContinuePath, SimulatorHttp.ContinueBody(page.Cursor));
        var next = await http.ContinueAsync(page.Cursor);

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("bad_cursor", ErrorTag(body));
        Assert.Equal(100, next.Events.Count);
    }

    [Fact]
    public async Task Continue_SameCursorTwice_ReturnsTheSamePage()
    {
        await using var simulator = await DropboxSimulator.StartAsync(Options, cancellationToken: TestContext.Current.CancellationToken);
        using var http = new SimulatorHttp(simulator);
        var page = await http.GetEventsAsync("""{"limit": 100}""");

        var once = await http.ContinueAsync(page.Cursor);
        var twice = await http.ContinueAsync(page.Cursor);

        Assert.Equal(once.Cursor, twice.Cursor);
        Assert.Equal(once.Events, twice.Events);
    }

    private static string ErrorTag(string body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("error").GetProperty(".tag").GetString()!;
    }
}
