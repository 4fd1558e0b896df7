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

        var run = await CliRunner.RunAsync(["demo", "--events", "1500"], workingDirectory: directory.Path);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(1500, File.ReadAllLines(directory.Combine("demo-output/dropbox.cef")).Length);
        Assert.Equal(1500, File.ReadAllLines(directory.Combine("demo-output/dropbox.jsonl")).Length);
        Assert.StartsWith("time,id,", File.ReadAllText(directory.Combine("demo-output/dropbox.csv")), StringComparison.Ordinal);
        Assert.Contains("rate limited, waiting 2 s", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("reset the cursor", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("Summary: 1,500 events in", run.Stderr, StringComparison.Ordinal);
    }
}
