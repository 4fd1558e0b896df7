using AuditBridge.Settings;

namespace AuditBridge.Cli.Pull;

/// <summary>The Dropbox-specific part of a <c>pull dropbox</c> invocation.</summary>
internal sealed record DropboxPullRequest
{
    public string? SettingsFile { get; init; }

    public required Uri ApiUrl { get; init; }

    public required Uri OAuthUrl { get; init; }

    public string? Category { get; init; }

    public string? EventType { get; init; }

    public string? AccountId { get; init; }

    public TimeText? StartTime { get; init; }

    public TimeText? EndTime { get; init; }

    public int Limit { get; init; } = 1000;

    public string? Cursor { get; init; }

    public TimeSpan ResetMargin { get; init; } = TimeSpan.FromHours(1);
}
