using AuditBridge.Sources;

namespace AuditBridge.Journal;

/// <summary>
/// The durable local log between sources and sinks. Appending a page inserts its events that are new (by source and
/// event id) and replaces the source's checkpoint in one transaction; every stored event gets an increasing sequence
/// number; every sink has its own position. Implementations: SQLite (one file, one worker) and, later, PostgreSQL
/// (shared by several workers). SQL, locking and file details stay inside the implementation.
/// </summary>
public interface IJournal : IAsyncDisposable
{
    /// <summary>The stored checkpoint of <paramref name="source"/>, or null before its first page.</summary>
    Task<Checkpoint?> GetCheckpointAsync(string source, CancellationToken cancellationToken);

    /// <summary>
    /// Stores the page's events that are not stored yet (same source and id) and replaces the source's checkpoint with
    /// <see cref="SourcePage.Checkpoint"/>, atomically: after a crash either both are stored or neither.
    /// </summary>
    Task<AppendResult> AppendAsync(string source, SourcePage page, DateTimeOffset received, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="max"/> stored events with a sequence number above <paramref name="afterSequence"/>, in sequence order.</summary>
    Task<IReadOnlyList<JournalEntry>> ReadAsync(long afterSequence, int max, CancellationToken cancellationToken);

    /// <summary>The highest sequence number stored so far (0 when empty).</summary>
    Task<long> GetHeadAsync(CancellationToken cancellationToken);

    /// <summary>The sequence number up to which <paramref name="sink"/> has delivered (0 before its first delivery).</summary>
    Task<long> GetPositionAsync(string sink, CancellationToken cancellationToken);

    /// <summary>Records that <paramref name="sink"/> delivered everything up to <paramref name="sequence"/>.</summary>
    Task SetPositionAsync(string sink, long sequence, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes events received before <paramref name="olderThan"/> whose sequence number is at or below
    /// <paramref name="deliveredUpTo"/> (the lowest position of the enabled sinks): nothing a sink still needs.
    /// Returns how many were deleted.
    /// </summary>
    Task<long> DeleteExpiredAsync(DateTimeOffset olderThan, long deliveredUpTo, CancellationToken cancellationToken);
}
