using AuditBridge.Journal.Leases;
using AuditBridge.Journal.Query;
using AuditBridge.Sources;

namespace AuditBridge.Journal;

/// <summary>
/// The durable local log between sources and sinks. Appending a page inserts its events that are new (by source and
/// event id) and replaces the source's checkpoint in one transaction; every stored event gets an increasing sequence
/// number; every sink has its own position. A journal is also what people query (<see cref="IJournalQuery"/>), where
/// workers share out components (<see cref="IJournalLeases"/>) and where the daemon keeps its status for others
/// (<see cref="IJournalStatusStore"/>): every implementation does all four. Implementations: SQLite (one file, one
/// worker) and, later, PostgreSQL (shared by several workers). SQL, locking and file details stay inside the implementation.
/// </summary>
/// <remarks>
/// <para>
/// Every implementation keeps these promises (the shared contract tests check them):
/// appends are atomic (after a crash or a failure either the whole page and its checkpoint are stored, or neither);
/// an event id is stored at most once per source for as long as the journal retains it; sequence numbers increase
/// with every stored event and are never given again, not even after retention deleted the events that had them;
/// and a reader never sees a sequence number while a lower one may still appear, so a delivery loop that reads after
/// its position misses nothing.
/// </para>
/// <para>
/// Members are safe to call concurrently. Appends are serialized by the journal (one writer); reads run in parallel
/// with them and see whole pages only. Failures of the store are <see cref="JournalException"/>s, classified transient
/// or permanent; an exception thrown by the caller's own page (its event list) propagates unchanged after the append
/// was rolled back.
/// </para>
/// </remarks>
public interface IJournal : IJournalQuery, IJournalLeases, IJournalStatusStore, IAsyncDisposable
{
    /// <summary>The stored checkpoint of <paramref name="source"/>, or null before its first page.</summary>
    /// <remarks>
    /// The checkpoint comes back as it was appended: the position text unchanged (never parsed as a number), the
    /// newest event time to the tick, and the recent ids with their times to the tick, oldest first (ties by id,
    /// ordinal), each id once. Times come back in UTC.
    /// </remarks>
    Task<Checkpoint?> GetCheckpointAsync(string source, CancellationToken cancellationToken);

    /// <summary>
    /// Stores the page's events that are not stored yet (same source and id) and its quarantined events that are not
    /// kept yet (same source and bytes), and replaces the source's checkpoint with <see cref="SourcePage.Checkpoint"/>,
    /// atomically: after a crash either all of it is stored or none.
    /// </summary>
    /// <param name="source">The configured source name; every event's <see cref="Events.AuditEvent.Source"/> must equal it.</param>
    /// <param name="page">The events, in the order they get their sequence numbers, and the checkpoint that follows them.</param>
    /// <param name="received">When the page arrived; stored as every new event's <see cref="Events.AuditEvent.Received"/>.</param>
    /// <param name="cancellationToken">Checked before the append starts; an append that started completes or fails as a whole.</param>
    /// <param name="fence">
    /// The writer's lease, checked in the append's own transaction: when the lease has another token now, nothing is
    /// stored and <see cref="JournalException"/> (<see cref="JournalErrorKind.Fenced"/>) is thrown. Null: unfenced (the
    /// only writer, or a tool).
    /// </param>
    /// <returns>How many events were new, how many were skipped as duplicates (also within the page), the head after the append, and how many quarantined events were new.</returns>
    Task<AppendResult> AppendAsync(string source, SourcePage page, DateTimeOffset received, Fence? fence, CancellationToken cancellationToken);

    /// <summary>An unfenced append (see <see cref="AppendAsync(string, SourcePage, DateTimeOffset, Fence?, CancellationToken)"/>).</summary>
    Task<AppendResult> AppendAsync(string source, SourcePage page, DateTimeOffset received, CancellationToken cancellationToken) =>
        AppendAsync(source, page, received, null, cancellationToken);

    /// <summary>
    /// Up to <paramref name="max"/> quarantined events with an id above <paramref name="afterId"/>, oldest first, of
    /// <paramref name="source"/> or of every source when it is null. Ids increase in the order events were kept.
    /// </summary>
    Task<IReadOnlyList<QuarantineEntry>> ReadQuarantineAsync(string? source, long afterId, int max, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="max"/> stored events with a sequence number above <paramref name="afterSequence"/>, in sequence order.</summary>
    /// <remarks>Fewer than <paramref name="max"/> (or none) when the journal holds no more yet. A page is never seen in part.</remarks>
    Task<IReadOnlyList<JournalEntry>> ReadAsync(long afterSequence, int max, CancellationToken cancellationToken);

    /// <summary>
    /// The highest sequence number given so far (0 when nothing was ever stored). It does not go down when retention
    /// deletes events.
    /// </summary>
    Task<long> GetHeadAsync(CancellationToken cancellationToken);

    /// <summary>The sequence number up to which <paramref name="sink"/> has delivered (0 before its first delivery).</summary>
    Task<long> GetPositionAsync(string sink, CancellationToken cancellationToken);

    /// <summary>Records that <paramref name="sink"/> delivered everything up to <paramref name="sequence"/>.</summary>
    /// <remarks>
    /// Sets the position as given, also backwards; a pending <see cref="RequestPositionAsync"/> stays pending. With a
    /// <paramref name="fence"/> whose lease moved on, nothing is written (<see cref="JournalErrorKind.Fenced"/>).
    /// </remarks>
    Task SetPositionAsync(string sink, long sequence, Fence? fence, CancellationToken cancellationToken);

    /// <summary>An unfenced position update (see <see cref="SetPositionAsync(string, long, Fence?, CancellationToken)"/>).</summary>
    Task SetPositionAsync(string sink, long sequence, CancellationToken cancellationToken) => SetPositionAsync(sink, sequence, null, cancellationToken);

    /// <summary>
    /// Deletes events received before <paramref name="olderThan"/> whose sequence number is at or below
    /// <paramref name="deliveredUpTo"/> (the lowest position of the enabled sinks): nothing a sink still needs; and
    /// quarantined events kept before <paramref name="olderThan"/>. Returns how many events were deleted.
    /// </summary>
    /// <remarks>
    /// Receive times are compared at millisecond precision. Sequence numbers of deleted events are not given again.
    /// Once an event is deleted its id is forgotten: the checkpoint's recent ids, not the journal, keep a re-read of
    /// something that old from being stored twice. Long deletions run in several short transactions so appends are
    /// not held up.
    /// </remarks>
    Task<long> DeleteExpiredAsync(DateTimeOffset olderThan, long deliveredUpTo, CancellationToken cancellationToken);

    /// <summary>
    /// The lowest sequence number of a stored event whose <paramref name="field"/> time is at or after
    /// <paramref name="since"/>, or the head plus one when there is none. A sink replays from there with the position
    /// <c>result - 1</c> (<c>auditbridge replay --since</c>).
    /// </summary>
    /// <remarks>Times are compared at millisecond precision, rounding <paramref name="since"/> down: a replay never starts late.</remarks>
    Task<long> FindSequenceAsync(DateTimeOffset since, JournalTimeField field, CancellationToken cancellationToken);

    /// <summary>
    /// Asks whoever delivers to <paramref name="sink"/> to continue after <paramref name="sequence"/>. For another process
    /// (<c>auditbridge replay</c>) while the daemon runs: the position itself is not changed until the delivery loop
    /// takes the request with <see cref="TakeRequestedPositionAsync(string, Fence?, CancellationToken)"/>. A later request replaces an earlier one.
    /// </summary>
    Task RequestPositionAsync(string sink, long sequence, CancellationToken cancellationToken);

    /// <summary>
    /// If a position was requested for <paramref name="sink"/>, makes it the sink's position, clears the request and
    /// returns it; otherwise returns null and changes nothing. A delivery loop calls this before every read, so a
    /// request takes effect after the batch in flight (whose <see cref="SetPositionAsync(string, long, Fence?, CancellationToken)"/> does not clear it).
    /// </summary>
    /// <remarks>With a <paramref name="fence"/> whose lease moved on, nothing is taken (<see cref="JournalErrorKind.Fenced"/>).</remarks>
    Task<long?> TakeRequestedPositionAsync(string sink, Fence? fence, CancellationToken cancellationToken);

    /// <summary>Takes a requested position unfenced (see <see cref="TakeRequestedPositionAsync(string, Fence?, CancellationToken)"/>).</summary>
    Task<long?> TakeRequestedPositionAsync(string sink, CancellationToken cancellationToken) => TakeRequestedPositionAsync(sink, null, cancellationToken);
}
