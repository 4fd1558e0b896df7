using AuditBridge.Cli.Pull;

namespace AuditBridge.Cli.Commands;

/// <summary>The Dashlane-specific part of a <c>pull dashlane</c> invocation.</summary>
internal sealed record DashlanePullRequest
{
    public string Dcli { get; init; } = "dcli";

    public TimeArgument? StartTime { get; init; }

    public TimeArgument? EndTime { get; init; }

    public TimeSpan Overlap { get; init; } = TimeSpan.FromDays(1);

    public TimeSpan Lag { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(30);

    public string? Input { get; init; }

    public bool Follow { get; init; }
}
