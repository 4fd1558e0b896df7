using System.Diagnostics;
using System.Runtime.InteropServices;
using AuditBridge.Cli;
using AuditBridge.Simulators.Dropbox;
using AuditBridge.TestKit;
using AuditBridge.TestKit.Time;

namespace AuditBridge.Tests.Cli;

/// <summary>The real executable in its own process: SIGTERM and SIGINT keep the state of the last written page and set the exit code.</summary>
public sealed class ProcessSignalTests
{
    private const int Sigint = 2;
    private const int Sigterm = 15;

    [Theory]
    [InlineData(Sigterm, ExitCodes.Terminated)]
    [InlineData(Sigint, ExitCodes.Interrupted)]
    public async Task Pull_WhenSignalledWhileWaitingForAPage_ExitsWithTheSignalsCodeAndKeepsTheLastPage(int signal, int expectedExitCode)
    {
        await using var simulator = await DropboxSimulator.StartAsync(
            new DropboxSimulatorOptions { EventCount = 1_000, Seed = 5, EmptyPageEvery = 0, ShortPageEvery = 0 }, new FakeTimeProvider(CliRunner.Now), TestContext.Current.CancellationToken);
        simulator.Faults.Enqueue(DropboxFault.Hang() with { Route = DropboxRoute.Continue });
        using var directory = TempDirectory.ForCaller();
        using var process = Start(directory.Path, "pull", "dropbox", "--api-url", simulator.BaseUrl.ToString(), "--format", "json", "--limit", "100", "--output", "out.jsonl", "--state", "state.json");

        await WaitUntilAsync(() => simulator.Faults.Count == 0 || process.HasExited);
        Assert.False(process.HasExited, "auditbridge ended before the signal");
        Assert.Equal(0, Kill(process.Id, signal));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(deadline.Token);
        var stderr = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);

        Assert.True(process.ExitCode == expectedExitCode, $"exit {process.ExitCode}\n{stderr}");
        Assert.Equal(100, File.ReadAllLines(directory.Combine("out.jsonl")).Length);
        Assert.Contains("\"cursor\":", File.ReadAllText(directory.Combine("state.json")), StringComparison.Ordinal);
        Assert.Contains("stopped by signal", stderr, StringComparison.Ordinal);
    }

    private static Process Start(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "auditbridge.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DROPBOX_ACCESS_TOKEN"] = "sim-access-token";
        return Process.Start(start) ?? throw new InvalidOperationException("could not start auditbridge");
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

    // LibraryImport would need unsafe code in the test project; a plain P/Invoke of kill(2) is enough here.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
#pragma warning disable SYSLIB1054
    private static extern int Kill(int pid, int signal);
#pragma warning restore SYSLIB1054
}
