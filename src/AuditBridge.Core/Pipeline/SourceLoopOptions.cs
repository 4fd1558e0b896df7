namespace AuditBridge.Pipeline;

/// <summary>How often a source polls and how it backs off.</summary>
public sealed record SourceLoopOptions
{
    /// <summary>Source name, for reports.</summary>
    public required string Name { get; init; }

    /// <summary>Time between the end of one poll and the start of the next. Default 5 min.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Each wait is the interval ± this fraction, so sources and workers spread out. Default 0.1.</summary>
    public double Jitter { get; init; } = 0.1;

    /// <summary>First wait after a transient failure (doubled per failure). Default 30 s.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest wait after transient failures. Default 15 min.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromMinutes(15);
}
