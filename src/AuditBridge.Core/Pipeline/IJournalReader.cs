using AuditBridge.Journal;

namespace AuditBridge.Pipeline;

/// <summary>
/// What a <see cref="JournalReaderLoop"/> drives: a consumer of the journal in sequence order under its own name (a
/// sink's delivery today; the alert engine and other readers next). The loop owns reading, waiting, replay requests,
/// journal retries and the stored position; the reader only handles batches.
/// </summary>
public interface IJournalReader
{
    /// <summary>
    /// Handles one batch, in sequence order. Return true when the batch is done with (the position then moves past it);
    /// false to end the loop without moving it (a permanent failure the reader has reported). Retrying is the reader's
    /// business: the loop calls again with the same batch only after a restart.
    /// </summary>
    Task<bool> HandleAsync(IReadOnlyList<JournalEntry> batch, CancellationToken cancellationToken);

    /// <summary>The position moved to <paramref name="position"/> after a handled batch and was stored.</summary>
    void Advanced(long position, DateTimeOffset at);

    /// <summary>A replay request (<c>auditbridge replay</c>) moved the position; the next batch starts after it.</summary>
    void PositionRequested(long position, DateTimeOffset at);

    /// <summary>The journal failed for now; the loop tries again at <paramref name="retryAt"/>.</summary>
    void JournalFailed(JournalException failure, DateTimeOffset at, DateTimeOffset retryAt);
}
