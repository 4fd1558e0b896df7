using AuditBridge.Settings;

namespace AuditBridge.Cli.Pull;

/// <summary>The Dashlane-specific part of a <c>pull dashlane</c> invocation.</summary>
internal sealed record DashlanePullRequest
{
    public string Dcli { get; init; } = "dcli";

    public TimeText? StartTime { get; init; }

    public TimeText? EndTime { get; init; }

    public TimeSpan Overlap { get; init; } = TimeSpan.FromDays(1);

    public TimeSpan Lag { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(30);

    public string? Input { get; init; }

    public bool Follow { get; init; }
}
