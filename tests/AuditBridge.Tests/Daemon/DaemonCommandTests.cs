using System.Text.Json;
using System.Text.RegularExpressions;
using AuditBridge.Shell;
using AuditBridge.Sinks;
using AuditBridge.TestKit;
using AuditBridge.TestKit.Receivers;
using AuditBridge.Tests.Cli;

namespace AuditBridge.Tests.Daemon;

/// <summary><c>check</c>, <c>status</c> and <c>replay</c> as an operator types them: messages and exit codes.</summary>
[Collection(InProcessDaemon.Name)]
public sealed class DaemonCommandTests
{
    [Fact]
    public async Task Check_AValidConfiguration_SaysWhatItWillRun()
    {
        await using var simulator = await DaemonRunTests.StartSimulatorAsync(100);
        await using var receiver = LoopbackTcpReceiver.Start();
        using var directory = TempDirectory.ForCaller();
        File.WriteAllText(directory.Combine("auditbridge.yaml"), DaemonRunTests.Config(simulator, receiver));

        var run = await CliRunner.RunAsync(["check"], DaemonHarness.Environment, directory.Path);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Stderr);
        Assert.Contains("auditbridge.yaml: valid.", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("sources: dbx (dropbox)", run.Stderr, StringComparison.Ordinal);
        Assert.Contains($"siem (syslog tcp://127.0.0.1:{receiver.Port}", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_ABrokenConfiguration_ReportsEveryProblemWithItsPlaceAndExits11()
    {
        using var directory = TempDirectory.ForCaller();
        File.WriteAllText(directory.Combine("bad.yaml"), "sources:\n  - type: dropbx\nsinks:\n  - type: file\n    formt: cef\n");

        var run = await CliRunner.RunAsync(["check", "--config", "bad.yaml"], new Dictionary<string, string>(), directory.Path);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("error: bad.yaml:2:11: sources[0].type: 'dropbx' is not one of dropbox, box, dashlane (did you mean 'dropbox'?)", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("error: bad.yaml:5:5: sinks[0].formt: unknown key (did you mean 'format'?)", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("problems in bad.yaml.", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_AMissingFile_SaysSo()
    {
        using var directory = TempDirectory.ForCaller();

        var run = await CliRunner.RunAsync(["check"], new Dictionary<string, string>(), directory.Path);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("error: the configuration file auditbridge.yaml does not exist", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckProbe_CallsEverySourceAndSinkOnce_AndFailsWithTheSourcesExitCode()
    {
        await using var simulator = await DaemonRunTests.StartSimulatorAsync(100);
        await using var receiver = LoopbackTcpReceiver.Start();
        using var directory = TempDirectory.ForCaller();
        File.WriteAllText(directory.Combine("auditbridge.yaml"), DaemonRunTests.Config(simulator, receiver));

        var good = await CliRunner.RunAsync(["check", "--probe"], DaemonHarness.Environment, directory.Path);
        var revoked = await CliRunner.RunAsync(["check", "--probe"], new Dictionary<string, string> { ["DROPBOX_ACCESS_TOKEN"] = "revoked-token" }, directory.Path);

        Assert.True(good.ExitCode == ExitCodes.Success, good.Stderr);
        Assert.Contains("source dbx: ok (first page:", good.Stderr, StringComparison.Ordinal);
        Assert.Contains($"sink archive: ok (writable: {directory.Combine("archive.jsonl")})", good.Stderr, StringComparison.Ordinal);
        Assert.Contains($"sink siem: ok (connected to 127.0.0.1:{receiver.Port})", good.Stderr, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Authentication, revoked.ExitCode);
        Assert.Contains("source dbx: FAILED: ", revoked.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("revoked-token", revoked.Stderr, StringComparison.Ordinal);

        // Probes send and store nothing: two connections to the receiver, not a byte on them, no archive file.
        await receiver.WaitForConnectionsAsync(2, TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Empty(receiver.RawBytes);
        Assert.False(File.Exists(directory.Combine("archive.jsonl")));
    }

    [Fact]
    public async Task CheckProbe_WhenTheSyslogReceiverIsNotListening_SaysTheSinkFailedAndExits10()
    {
        await using var simulator = await DaemonRunTests.StartSimulatorAsync(100);
        await using var receiver = LoopbackTcpReceiver.Start();
        receiver.StopListening();
        using var directory = TempDirectory.ForCaller();
        File.WriteAllText(directory.Combine("auditbridge.yaml"), DaemonRunTests.Config(simulator, receiver));

        var run = await CliRunner.RunAsync(["check", "--probe"], DaemonHarness.Environment, directory.Path);

        Assert.Equal(ExitCodes.Output, run.ExitCode);
        Assert.Contains("source dbx: ok (first page:", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("sink archive: ok (writable: ", run.Stderr, StringComparison.Ordinal);
        Assert.Contains($"sink siem: FAILED: Cannot connect to tcp://127.0.0.1:{receiver.Port}: ConnectionRefused", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_BeforeTheFirstRun_SaysThereIsNoJournal()
    {
        await using var simulator = await DaemonRunTests.StartSimulatorAsync(100);
        await using var receiver = LoopbackTcpReceiver.Start();
        using var directory = TempDirectory.ForCaller();
        File.WriteAllText(directory.Combine("auditbridge.yaml"), DaemonRunTests.Config(simulator, receiver));

        var run = await CliRunner.RunAsync(["status"], DaemonHarness.Environment, directory.Path);

        Assert.Equal(ExitCodes.State, run.ExitCode);
        Assert.Contains("no journal at", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_AfterARun_ShowsTablesAndJson()
    {
        await using var simulator = await DaemonRunTests.StartSimulatorAsync(1_000);
        await using var receiver = LoopbackTcpReceiver.Start();
        receiver.StopListening();
        using var directory = TempDirectory.ForCaller();
        await using (var daemon = DaemonHarness.Create(directory, DaemonRunTests.Config(simulator, receiver)))
        {
            daemon.Start();
            // The sink's own failure (the refused connection), not any failure reported for it.
            await daemon.Observer.WaitAsync(o => o.Position("archive") == 1_000 && o.Failures.Any(f => f.Component == "siem" && f.Failure is SinkException), "archive delivered, siem failing");
            Assert.Equal(0, await daemon.StopAsync());
        }

        var table = await CliRunner.RunAsync(["status"], DaemonHarness.Environment, directory.Path);
        var json = await CliRunner.RunAsync(["status", "--json"], DaemonHarness.Environment, directory.Path);

        Assert.True(table.ExitCode == 0, table.Stderr);
        Assert.Contains("newest sequence number 1000", table.Stderr, StringComparison.Ordinal);
        Assert.Matches(@"\ndbx +dropbox +\S+ ago", table.Stderr);
        Assert.Matches(@"\narchive +file +1000 +0 +1,000 ", table.Stderr);
        Assert.True(Regex.IsMatch(table.Stderr, @"\nsiem +syslog +0 +1,000 +0 +never +.*refused"), table.Stderr);
        using var document = JsonDocument.Parse(json.Stderr);
        var sinks = document.RootElement.GetProperty("sinks");
        Assert.Equal(1000, sinks[1].GetProperty("backlog").GetInt64());
        Assert.Equal((1000, 0), (sinks[0].GetProperty("sent").GetInt64(), sinks[1].GetProperty("sent").GetInt64()));
        Assert.Equal("at_least_once", sinks[0].GetProperty("guarantee").GetString());
        Assert.True(sinks[1].GetProperty("failing").GetBoolean());
        Assert.Equal(1000, document.RootElement.GetProperty("sources")[0].GetProperty("events_today").GetInt64());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", document.RootElement.GetProperty("now").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", sinks[0].GetProperty("last_delivery").GetString());
        Assert.Equal(JsonValueKind.Null, sinks[1].GetProperty("last_delivery").ValueKind);
    }

    [Fact]
    public async Task Status_WithAUdpSink_ShowsItAsBestEffortWithTheDatagramsSent()
    {
        await using var simulator = await DaemonRunTests.StartSimulatorAsync(1_000);
        await using var receiver = LoopbackUdpReceiver.Start();
        using var directory = TempDirectory.ForCaller();
        await using (var daemon = DaemonHarness.Create(directory, DaemonRunTests.Config(simulator, receiver.Endpoint, "cef")))
        {
            daemon.Start();
            await daemon.Observer.WaitAsync(o => o.Position("siem") == 1_000 && o.Position("archive") == 1_000, "both sinks delivered");
            Assert.Equal(0, await daemon.StopAsync());
        }

        var table = await CliRunner.RunAsync(["status"], DaemonHarness.Environment, directory.Path);
        var json = await CliRunner.RunAsync(["status", "--json"], DaemonHarness.Environment, directory.Path);

        Assert.True(Regex.IsMatch(table.Stderr, @"\nsiem +syslog \(udp, best effort\) +1000 +0 +1,000 +\S+ ago"), table.Stderr);
        Assert.Matches(@"\narchive +file +1000 +0 +1,000 ", table.Stderr);
        Assert.Contains("best effort: SENT counts the datagrams that left this host; nothing confirms that the receiver got them", table.Stderr, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json.Stderr);
        var sink = document.RootElement.GetProperty("sinks")[1];
        Assert.Equal("siem", sink.GetProperty("name").GetString());
        Assert.Equal(("best_effort", 1000), (sink.GetProperty("guarantee").GetString(), sink.GetProperty("sent").GetInt64()));
        Assert.Equal(1_000, (await receiver.WaitForDatagramsAsync(1_000, TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).Count);
    }

    [Theory]
    [InlineData(new[] { "replay", "--sink", "archive" }, "error: give exactly one of --since TIME and --from-seq N")]
    [InlineData(new[] { "replay", "--sink", "archive", "--since", "2h", "--from-seq", "3" }, "error: give exactly one of --since TIME and --from-seq N")]
    [InlineData(new[] { "replay", "--sink", "archive", "--from-seq", "0" }, "error: --from-seq must be 1 or more")]
    [InlineData(new[] { "replay", "--sink", "archiv", "--from-seq", "1" }, "error: no sink is named 'archiv' in auditbridge.yaml (sinks: archive, siem)")]
    public async Task Replay_WithWrongArguments_SaysWhatToFix(string[] args, string expected)
    {
        await using var simulator = await DaemonRunTests.StartSimulatorAsync(100);
        await using var receiver = LoopbackTcpReceiver.Start();
        using var directory = TempDirectory.ForCaller();
        File.WriteAllText(directory.Combine("auditbridge.yaml"), DaemonRunTests.Config(simulator, receiver));

        var run = await CliRunner.RunAsync(args, DaemonHarness.Environment, directory.Path);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains(expected, run.Stderr, StringComparison.Ordinal);
    }
}
