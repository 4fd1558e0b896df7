using AuditBridge.Cli;
using AuditBridge.TestKit;

namespace AuditBridge.Tests.Cli;

public sealed class RootCommandTests
{
    [Fact]
    public async Task Help_ListsEveryCommand()
    {
        var run = await CliRunner.RunAsync(["--help"]);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("demo", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("pull", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("simulate", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownCommand_ExitsTwo()
    {
        var run = await CliRunner.RunAsync(["frobnicate"]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--help", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_PullsThroughFaultsAndLeavesCefJsonAndCsvFiles()
    {
        using var directory = TempDirectory.ForCaller();

        var run = await CliRunner.RunAsync(["demo", "--events", "1500", "--daemon-seconds", "0"], workingDirectory: directory.Path);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(1500, File.ReadAllLines(directory.Combine("demo-output/dropbox.cef")).Length);
        Assert.Equal(1500, File.ReadAllLines(directory.Combine("demo-output/dropbox.jsonl")).Length);
        Assert.StartsWith("time,id,", File.ReadAllText(directory.Combine("demo-output/dropbox.csv")), StringComparison.Ordinal);
        Assert.Contains("rate limited, waiting 2 s", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("reset the cursor", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("Summary: 1,500 events in", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_RunsTheDaemonThroughAReceiverOutageAndShowsStatus()
    {
        using var directory = TempDirectory.ForCaller();

        var run = await CliRunner.RunAsync(["demo", "--events", "200", "--daemon-seconds", "30"], workingDirectory: directory.Path);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Contains("its events wait in the journal", run.Stderr, StringComparison.Ordinal);
        Assert.Matches(@"siem +syslog +0 +[\d,]+ +never +Cannot connect", run.Stderr);
        Assert.Matches(@"siem +syslog +\d+ +0 +\S+ ago +\(recovered\) Cannot connect", run.Stderr);
        var stored = File.ReadAllLines(directory.Combine("demo-output/daemon/events.jsonl")).Length;
        Assert.True(stored > 30_000, $"{stored} events in the file");

        // New events keep arriving while the demo stops: the two sinks may differ by the batches in flight.
        Assert.InRange(File.ReadAllLines(directory.Combine("demo-output/daemon/syslog-received.log")).Length, stored - 1_000, stored + 1_000);
        Assert.Contains("rate limited, waiting 1 s", File.ReadAllText(directory.Combine("demo-output/daemon/daemon.log")), StringComparison.Ordinal);
    }
}
