using AuditBridge.Daemon;
using AuditBridge.Events;
using AuditBridge.Journal.Sqlite;
using AuditBridge.TestKit;
using AuditBridge.TestKit.Journal;
using AuditBridge.TestKit.Time;

namespace AuditBridge.Tests.Daemon;

/// <summary>
/// The sink gauges of <c>/metrics</c> over a real journal: every running sink has its backlog and position, also one
/// that has not delivered yet (it waits for what retention left), and a sink no longer running has none.
/// </summary>
public sealed class MetricsGaugeTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Gauges_RunningSinksWithAndWithoutAPosition_ShowWhatEachWaitsFor()
    {
        using var directory = TempDirectory.ForCaller();
        var time = new FakeTimeProvider(Start);
        await using var journal = await SqliteJournalFactory.OpenAsync(new SqliteJournalOptions { Path = directory.Combine("journal.db") }, time, TestContext.Current.CancellationToken);
        await journal.AppendAsync("dbx", JournalTestEvents.Page([Event("a", 0), Event("b", 1)], "p1"), Start, TestContext.Current.CancellationToken);
        await journal.AppendAsync("dbx", JournalTestEvents.Page([Event("c", 2), Event("d", 3), Event("e", 4)], "p2"), Start.AddDays(10), TestContext.Current.CancellationToken);
        await journal.SetPositionAsync("archive", 3, TestContext.Current.CancellationToken);
        await journal.SetPositionAsync("removed", 1, TestContext.Current.CancellationToken);

        // Retention deleted the first page (everything delivered up to 2 by every sink that counted then).
        Assert.Equal(2, await journal.DeleteExpiredAsync(Start.AddDays(5), 2, TestContext.Current.CancellationToken));

        var gauges = (await BridgeHost.GaugesAsync(journal, ["archive", "siem"], time, TestContext.Current.CancellationToken)).ToList();

        Assert.Equal(5, Value(gauges, "auditbridge_journal_head", null));
        Assert.Equal(2, Value(gauges, "auditbridge_sink_backlog_events", "archive"));
        Assert.Equal(3, Value(gauges, "auditbridge_sink_position", "archive"));
        Assert.Equal(3, Value(gauges, "auditbridge_sink_backlog_events", "siem"));
        Assert.Equal(0, Value(gauges, "auditbridge_sink_position", "siem"));
        Assert.DoesNotContain(gauges, g => g.Labels.Any(l => l.Value == "removed"));
    }

    private static AuditEvent Event(string id, int minute) => JournalTestEvents.Event("dbx", id: id, time: Start.AddMinutes(minute));

    private static double Value(List<GaugeSample> gauges, string name, string? component) =>
        Assert.Single(gauges, g => g.Name == name && (component is null ? g.Labels.Count == 0 : g.Labels.Any(l => l.Key == "component" && l.Value == component))).Value;
}
