using System.Diagnostics;
using AuditBridge.TestKit;

namespace AuditBridge.Tests.Repository;

/// <summary>
/// test.sh's counting (eng/count-test-results.sh) over TRX reports written as VSTest writes them: a project whose report
/// is missing or that executed no test fails the run with a line naming it, whatever the other projects did.
/// </summary>
public sealed class TestResultCountTests
{
    [Fact]
    public async Task Count_AddsUpThePassedFailedAndSkippedTestsOfEveryProject()
    {
        using var results = TempDirectory.ForCaller();
        WriteTrx(results, "A.Tests", passed: 5, failed: 1, notExecuted: 2);
        WriteTrx(results, "B.Tests", passed: 7, failed: 0, error: 1, timeout: 1, aborted: 1);

        var (stdout, stderr) = await CountAsync(results, "A.Tests", "B.Tests");

        Assert.Equal("12 4 2", stdout);
        Assert.Equal(string.Empty, stderr);
    }

    [Fact]
    public async Task Count_WhenAProjectExecutedNoTest_CountsItAsAFailureAndNamesIt()
    {
        using var results = TempDirectory.ForCaller();
        WriteTrx(results, "A.Tests", passed: 5, failed: 0);
        WriteTrx(results, "Empty.Tests", passed: 0, failed: 0);

        var (stdout, stderr) = await CountAsync(results, "A.Tests", "Empty.Tests");

        Assert.Equal("5 1 0", stdout);
        Assert.Contains("test.sh: Empty.Tests executed no test", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("A.Tests", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Count_WhenAProjectOnlySkipped_CountsItAsAFailure()
    {
        using var results = TempDirectory.ForCaller();
        WriteTrx(results, "Skipping.Tests", passed: 0, failed: 0, notExecuted: 4);

        var (stdout, stderr) = await CountAsync(results, "Skipping.Tests");

        Assert.Equal("0 1 4", stdout);
        Assert.Contains("test.sh: Skipping.Tests executed no test", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Count_WhenAProjectLeftNoReport_CountsItAsAFailureAndNamesIt()
    {
        using var results = TempDirectory.ForCaller();
        WriteTrx(results, "A.Tests", passed: 3, failed: 0);

        var (stdout, stderr) = await CountAsync(results, "A.Tests", "Crashed.Tests");

        Assert.Equal("3 1 0", stdout);
        Assert.Contains("test.sh: Crashed.Tests reported no results", stderr, StringComparison.Ordinal);
    }

    private static async Task<(string Stdout, string Stderr)> CountAsync(TempDirectory results, params string[] projects)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryFiles.Root };
        start.ArgumentList.Add(RepositoryFiles.Combine("eng/count-test-results.sh"));
        start.ArgumentList.Add(results.Path);
        foreach (var project in projects)
        {
            start.ArgumentList.Add(project);
        }

        using var process = Process.Start(start)!;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        var stdout = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
        await process.WaitForExitAsync(deadline.Token);
        Assert.Equal(0, process.ExitCode);
        return ((await stdout).Trim(), await stderr);
    }

    // The summary element as VSTest's TRX logger writes it (one line, every counter present).
    private static void WriteTrx(TempDirectory results, string project, int passed, int failed, int error = 0, int timeout = 0, int aborted = 0, int notExecuted = 0)
    {
        var executed = passed + failed + error + timeout + aborted;
        File.WriteAllText(results.Combine(project + ".trx"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <TestRun id="00000000-0000-0000-0000-000000000000" name="run" xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
              <ResultSummary outcome="{(failed + error + timeout + aborted == 0 ? "Completed" : "Failed")}">
                <Counters total="{executed + notExecuted}" executed="{executed}" passed="{passed}" failed="{failed}" error="{error}" timeout="{timeout}" aborted="{aborted}" inconclusive="0" passedButRunAborted="0" notRunnable="0" notExecuted="{notExecuted}" disconnected="0" warning="0" completed="0" inProgress="0" pending="0" />
              </ResultSummary>
            </TestRun>
            """);
    }
}
