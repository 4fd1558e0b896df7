using AuditBridge.Settings;
using AuditBridge.Sources.Box;

namespace AuditBridge.Cli.Pull;

/// <summary>The Box-specific part of a <c>pull box</c> invocation.</summary>
internal sealed record BoxPullRequest
{
    public string? BoxConfig { get; init; }

    public required Uri ApiUrl { get; init; }

    public required Uri OAuthUrl { get; init; }

    public BoxStreamType Stream { get; init; } = BoxStreamType.AdminLogs;

    public TimeText? StartTime { get; init; }

    public TimeText? EndTime { get; init; }

    public IReadOnlyList<string> EventTypes { get; init; } = [];

    public int Limit { get; init; } = BoxSourceOptions.MaxLimit;

    public string? StreamPosition { get; init; }

    public TimeSpan ResetMargin { get; init; } = TimeSpan.FromHours(1);
}
