using System.Text.Json;
using AuditBridge.Simulators.Dropbox;
using AuditBridge.TestKit;
using AuditBridge.TestKit.Receivers;
using AuditBridge.TestKit.Time;
using AuditBridge.Tests.Cli;

namespace AuditBridge.Tests.Daemon;

/// <summary>
/// A source whose vendor serves events that cannot be mapped: the daemon keeps them in the journal's quarantine, every
/// other event reaches every sink, and status, /metrics, the log and <c>quarantine list</c> tell the operator.
/// </summary>
[Collection(InProcessDaemon.Name)]
public sealed class DaemonQuarantineTests
{
    private const int Events = 2_000;
    private const int PoisonEvery = 125;
    private const int Poison = Events / PoisonEvery;

    [Fact]
    public async Task Run_WhenEventsCannotBeMapped_QuarantinesThemAndDeliversEveryOtherEvent()
    {
        await using var simulator = await DropboxSimulator.StartAsync(
            new DropboxSimulatorOptions { EventCount = Events, Seed = 11, PoisonEvery = PoisonEvery }, new FakeTimeProvider(CliRunner.Now), TestContext.Current.CancellationToken);
        await using var receiver = LoopbackTcpReceiver.Start();
        using var directory = TempDirectory.ForCaller();
        await using var daemon = DaemonHarness.Create(directory, DaemonRunTests.Config(simulator, receiver, listen: "127.0.0.1:0"));

        daemon.Start();
        await daemon.Observer.WaitAsync(o => o.Position("archive") == Events - Poison && o.Quarantined == Poison, "every other event delivered, the poison ones quarantined");

        var ids = await DaemonRunTests.JournalIdsAsync(daemon);
        Assert.Equal(Events - Poison, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(ids, DaemonRunTests.FileIds(directory));
        Assert.Equal(Poison, CountOf(daemon.Log, "quarantined a dropbox event it cannot map (get_events"));
        Assert.Empty(daemon.Observer.Failures);

        using var http = new HttpClient { BaseAddress = new Uri($"http://{daemon.MetricsAddress}/") };
        var metrics = await http.GetStringAsync("metrics", TestContext.Current.CancellationToken);
        Assert.Contains($"auditbridge_source_events_quarantined_total{{component=\"dbx\",type=\"dropbox\"}} {Poison}", metrics, StringComparison.Ordinal);

        var status = await CliRunner.RunAsync(["status", "--config", daemon.ConfigPath, "--json"], DaemonHarness.Environment, directory.Path);
        Assert.True(status.ExitCode == 0, status.ToString());
        var source = JsonDocument.Parse(status.Stderr).RootElement.GetProperty("sources")[0];
        Assert.Equal(Poison, source.GetProperty("quarantined").GetInt64());
        var table = await CliRunner.RunAsync(["status", "--config", daemon.ConfigPath], DaemonHarness.Environment, directory.Path);
        Assert.Contains("QUARANTINED", table.Stderr, StringComparison.Ordinal);

        // The CLI runner captures the commands' text output (stdout in the real process) with stderr.
        var list = await CliRunner.RunAsync(["quarantine", "list", "--config", daemon.ConfigPath, "--source", "dbx"], DaemonHarness.Environment, directory.Path);
        Assert.True(list.ExitCode == 0, list.ToString());
        var kept = list.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var expected = Enumerable.Range(0, Events).Where(i => simulator.Events.IsPoison(i)).Select(i => Compact(simulator.Events.GetEventJson(i))).Order(StringComparer.Ordinal);
        Assert.Equal(expected, kept.Select(k => k.GetProperty("raw").GetRawText()).Order(StringComparer.Ordinal));
        Assert.All(kept, k => Assert.Equal(("dbx", "dropbox", "it has no valid 'timestamp'"), (k.GetProperty("source").GetString(), k.GetProperty("vendor").GetString(), k.GetProperty("error").GetString())));
        Assert.Equal(Enumerable.Range(1, Poison).Select(i => (long)i), kept.Select(k => k.GetProperty("id").GetInt64()));
    }

    private static string Compact(ReadOnlyMemory<byte> json) => JsonDocument.Parse(json).RootElement.GetRawText();

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
