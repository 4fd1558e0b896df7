namespace AuditBridge.Pipeline;

/// <summary>What a sink takes from the journal and how it retries.</summary>
public sealed record DeliveryLoopOptions
{
    /// <summary>Sink name; its position in the journal is kept under this name.</summary>
    public required string Name { get; init; }

    /// <summary>Only events of these sources (by configured source name); null for all.</summary>
    public IReadOnlySet<string>? Sources { get; init; }

    /// <summary>Only events with at least this severity. Default 0 (all).</summary>
    public int MinSeverity { get; init; }

    /// <summary>Events read from the journal per batch. Default 500.</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>How long an idle loop waits for new events before looking again (it is also woken on new events). Default 5 s.</summary>
    public TimeSpan IdleWait { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>First retry delay after a transient failure (doubled per failure). Default 1 s.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest retry delay. Default 5 min: a receiver that is down for hours is still retried every few minutes.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromMinutes(5);
}
