using System.Collections;
using AuditBridge.Secrets;

namespace AuditBridge.Cli.Terminal;

/// <summary>
/// Everything a command takes from the process: environment, working directory, streams, clock.
/// Tests build one by hand so commands run in-process with captured output and fake time.
/// </summary>
internal sealed class CliContext
{
    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    public required string WorkingDirectory { get; init; }

    /// <summary>Input for commands that read <c>-</c> (convert).</summary>
    public Stream StandardInput { get; init; } = Stream.Null;

    /// <summary>Where records go when no file or syslog output is given (binary: records are UTF-8 bytes).</summary>
    public required Stream StandardOutput { get; init; }

    /// <summary>Human-readable text: help, messages meant for stdout.</summary>
    public required TextWriter Out { get; init; }

    /// <summary>Progress, warnings, errors.</summary>
    public required TextWriter Error { get; init; }

    public required TimeProvider Time { get; init; }

    /// <summary>True when stderr is a terminal: progress is a live line instead of a summary.</summary>
    public bool IsErrorInteractive { get; init; }

    /// <summary>Set by the process host when SIGINT or SIGTERM arrives; commands stop at the next safe point.</summary>
    public CancellationToken Termination { get; init; }

    /// <summary>
    /// Every secret the invocation reads is added here (one per process), so whatever reaches stderr, including the
    /// last-resort report of an unexpected exception, is redacted.
    /// </summary>
    public SecretRedactor Redactor { get; init; } = new();

    /// <summary>The exit code the host uses when <see cref="Termination"/> fired (130 for SIGINT, 143 for SIGTERM).</summary>
    public Func<int?> TerminationExitCode { get; init; } = static () => null;

    public static CliContext FromProcess(Func<int?>? terminationExitCode = null, CancellationToken termination = default)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && entry.Value is string value)
            {
                environment[key] = value;
            }
        }

        return new CliContext
        {
            Environment = environment,
            WorkingDirectory = Directory.GetCurrentDirectory(),
            StandardInput = Console.OpenStandardInput(),
            StandardOutput = Console.OpenStandardOutput(),
            Out = Console.Out,
            Error = Console.Error,
            Time = TimeProvider.System,
            IsErrorInteractive = !Console.IsErrorRedirected,
            Termination = termination,
            TerminationExitCode = terminationExitCode ?? (static () => null),
        };
    }
}
