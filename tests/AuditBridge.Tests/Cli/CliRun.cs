namespace AuditBridge.Tests.Cli;

/// <summary>What one in-process CLI invocation produced.</summary>
internal sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public string[] StdoutLines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public override string ToString() => $"exit {ExitCode}\n--- stderr ---\n{Stderr}";
}
