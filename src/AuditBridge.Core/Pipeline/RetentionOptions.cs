namespace AuditBridge.Pipeline;

/// <summary>What <see cref="RetentionLoop"/> deletes and how often.</summary>
public sealed record RetentionOptions
{
    /// <summary>Events received longer ago than this may go.</summary>
    public required TimeSpan Retention { get; init; }

    /// <summary>
    /// The readers (sinks) whose positions hold events back: nothing one of them has not passed is deleted. Empty: no
    /// reader, so everything older than <see cref="Retention"/> may go.
    /// </summary>
    public required IReadOnlyList<string> Readers { get; init; }

    /// <summary>How often to delete. Default 1 h.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromHours(1);
}
