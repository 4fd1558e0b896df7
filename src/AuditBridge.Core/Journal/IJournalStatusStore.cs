namespace AuditBridge.Journal;

/// <summary>
/// Operational state the daemon writes and <c>auditbridge status</c> (another process) reads from the same journal:
/// when each source was last polled and whether that worked, and when each sink last delivered. Part of every
/// <see cref="IJournal"/>. Nothing here affects delivery.
/// </summary>
/// <remarks>
/// Error texts are stored as given and shown by <c>status</c>: pass them through the secret redactor first. Texts
/// longer than <see cref="MaxErrorLength"/> characters are cut. Times are kept to the millisecond.
/// </remarks>
public interface IJournalStatusStore
{
    /// <summary>The longest error text stored, in UTF-16 characters.</summary>
    const int MaxErrorLength = 2000;

    /// <summary>
    /// Records a poll of <paramref name="source"/> at <paramref name="at"/>: a success when <paramref name="failure"/> is
    /// null, else a failure with that text. A success keeps the last error (and its time) for the record.
    /// </summary>
    Task RecordSourcePollAsync(string source, DateTimeOffset at, string? failure, CancellationToken cancellationToken);

    /// <summary>
    /// Records a delivery attempt of <paramref name="sink"/> at <paramref name="at"/>: a success when
    /// <paramref name="failure"/> is null, else a failure with that text; <paramref name="sent"/> records (for UDP:
    /// datagrams) handed off since the last call are added to the sink's total.
    /// </summary>
    Task RecordSinkDeliveryAsync(string sink, DateTimeOffset at, long sent, string? failure, CancellationToken cancellationToken);

    /// <summary>Every source with a checkpoint or a recorded poll, ordered by name.</summary>
    Task<IReadOnlyList<SourceStatus>> GetSourceStatusAsync(CancellationToken cancellationToken);

    /// <summary>Every sink with a position, a requested position or a recorded delivery, ordered by name.</summary>
    Task<IReadOnlyList<SinkStatus>> GetSinkStatusAsync(CancellationToken cancellationToken);
}
