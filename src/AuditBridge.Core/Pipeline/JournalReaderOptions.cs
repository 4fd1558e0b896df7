namespace AuditBridge.Pipeline;

/// <summary>How a <see cref="JournalReaderLoop"/> reads and retries.</summary>
public sealed record JournalReaderOptions
{
    /// <summary>The reader's name; its position in the journal is kept under this name.</summary>
    public required string Name { get; init; }

    /// <summary>Events read from the journal per batch. Default 500.</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>How long an idle loop waits for new events before looking again (it is also woken on new events). Default 5 s.</summary>
    public TimeSpan IdleWait { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>First retry delay after a transient journal failure (doubled per failure). Default 1 s.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest retry delay. Default 5 min.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromMinutes(5);
}
