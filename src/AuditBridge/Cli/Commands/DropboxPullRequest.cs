using AuditBridge.Cli.Pull;

namespace AuditBridge.Cli.Commands;

/// <summary>A validated <c>pull dropbox</c> invocation.</summary>
internal sealed record DropboxPullRequest
{
    public string? SettingsFile { get; init; }

    public required Uri ApiUrl { get; init; }

    public required Uri OAuthUrl { get; init; }

    public string? Category { get; init; }

    public string? EventType { get; init; }

    public string? AccountId { get; init; }

    public TimeArgument? StartTime { get; init; }

    public TimeArgument? EndTime { get; init; }

    public int Limit { get; init; } = 1000;

    public string? Cursor { get; init; }

    public string? StateFile { get; init; }

    public bool ResetState { get; init; }

    public TimeSpan MaxWait { get; init; } = TimeSpan.FromMinutes(5);

    public int Retries { get; init; } = 5;

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan ResetMargin { get; init; } = TimeSpan.FromHours(1);

    public string? SeverityMap { get; init; }

    public int DefaultSeverity { get; init; } = 5;

    /// <summary>True when --default-severity was given (it then wins over a default in --severity-map).</summary>
    public bool DefaultSeverityGiven { get; init; }

    public required OutputRequest Output { get; init; }

    public bool Quiet { get; init; }

    public bool Verbose { get; init; }
}
