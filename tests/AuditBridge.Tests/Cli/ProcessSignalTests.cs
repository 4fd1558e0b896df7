using AuditBridge.Shell;
using AuditBridge.Simulators.Dropbox;
using AuditBridge.TestKit;
using AuditBridge.TestKit.Time;

namespace AuditBridge.Tests.Cli;

/// <summary>The real executable in its own process: SIGTERM and SIGINT keep the state of the last written page and set the exit code.</summary>
public sealed class ProcessSignalTests
{
    [Theory]
    [InlineData(AuditBridgeProcess.Sigterm, ExitCodes.Terminated)]
    [InlineData(AuditBridgeProcess.Sigint, ExitCodes.Interrupted)]
    public async Task Pull_WhenSignalledWhileWaitingForAPage_ExitsWithTheSignalsCodeAndKeepsTheLastPage(int signal, int expectedExitCode)
    {
        await using var simulator = await DropboxSimulator.StartAsync(
            new DropboxSimulatorOptions { EventCount = 1_000, Seed = 5, EmptyPageEvery = 0, ShortPageEvery = 0 }, new FakeTimeProvider(CliRunner.Now), TestContext.Current.CancellationToken);
        simulator.Faults.Enqueue(DropboxFault.Hang() with { Route = DropboxRoute.Continue });
        using var directory = TempDirectory.ForCaller();
        using var process = AuditBridgeProcess.Start(directory.Path, new Dictionary<string, string> { ["DROPBOX_ACCESS_TOKEN"] = "sim-access-token" }, "pull", "dropbox", "--api-url", simulator.BaseUrl.ToString(), "--format", "json", "--limit", "100", "--output", "out.jsonl", "--state", "state.json");

        await WaitUntilAsync(() => simulator.Faults.Count == 0 || process.HasExited);
        Assert.False(process.HasExited, "auditbridge ended before the signal");
        Assert.Equal(0, AuditBridgeProcess.Signal(process.Id, signal));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(deadline.Token);
        var stderr = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);

        Assert.True(process.ExitCode == expectedExitCode, $"exit {process.ExitCode}\n{stderr}");
        Assert.Equal(100, File.ReadAllLines(directory.Combine("out.jsonl")).Length);
        Assert.Contains("\"cursor\":", File.ReadAllText(directory.Combine("state.json")), StringComparison.Ordinal);
        Assert.Contains("stopped by signal", stderr, StringComparison.Ordinal);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        // The child process's request must reach the simulator (real I/O): poll with a deadline.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition was not met within 30 s");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
