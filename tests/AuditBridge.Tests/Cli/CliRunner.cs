using System.Text;
using AuditBridge.Cli;
using AuditBridge.Cli.Terminal;
using AuditBridge.TestKit.Time;

namespace AuditBridge.Tests.Cli;

/// <summary>
/// Runs the CLI in-process with captured output, a given environment and working directory, and fake time.
/// Cancelling <c>stop</c> is what SIGTERM/SIGINT do in the real process.
/// </summary>
internal static class CliRunner
{
    public static readonly DateTimeOffset Now = new(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task<CliRun> RunAsync(
        IEnumerable<string> args,
        IReadOnlyDictionary<string, string>? environment = null,
        string? workingDirectory = null,
        TimeProvider? time = null,
        CancellationTokenSource? stop = null,
        Func<int?>? terminationExitCode = null,
        byte[]? standardInput = null)
    {
        var stdout = new MemoryStream();
        var stderr = new StringWriter();
        var context = new CliContext
        {
            Environment = environment ?? new Dictionary<string, string>(),
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
            StandardInput = new MemoryStream(standardInput ?? []),
            StandardOutput = stdout,
            Out = stderr,
            Error = stderr,
            Time = time ?? new FakeTimeProvider(Now, autoAdvance: true),
            Termination = stop?.Token ?? CancellationToken.None,
            TerminationExitCode = terminationExitCode ?? (static () => null),
        };

        var exitCode = await CliApplication.RunAsync([.. args], context);
        return new CliRun(exitCode, Encoding.UTF8.GetString(stdout.ToArray()), stderr.ToString());
    }
}
