namespace AuditBridge.Journal.Query;

/// <summary>
/// Reading the journal as people do (the activity console, exports, alert history): events selected by an
/// <see cref="EventQuery"/>, newest first, in pages with a stable cursor, and counts by field value and by time bucket.
/// </summary>
/// <remarks>
/// Every implementation agrees with <see cref="EventQuery.Matches"/> (the contract tests compare them). Reads see
/// committed pages only and run beside appends without holding them up.
/// </remarks>
public interface IJournalQuery
{
    /// <summary>
    /// Up to <paramref name="limit"/> selected events, ordered by event time newest first and, for one time, by sequence
    /// number highest first; from the start, or after <paramref name="cursor"/> (a previous page's
    /// <see cref="EventPage.NextCursor"/>). Paging is stable: events stored meanwhile never make a page repeat or skip
    /// an event of an earlier page; one stored with an older time than the cursor shows up on a later page.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="cursor"/> is not one this journal gave.</exception>
    Task<EventPage> QueryAsync(EventQuery query, string? cursor, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// The <paramref name="top"/> most frequent values of <paramref name="field"/> among the selected events, most
    /// frequent first (ties by value, ordinal); events without a value are not counted.
    /// </summary>
    Task<IReadOnlyList<FieldCount>> CountByFieldAsync(EventQuery query, EventField field, int top, CancellationToken cancellationToken);

    /// <summary>
    /// The selected events per time bucket of <paramref name="bucket"/> (buckets start at multiples of it since the
    /// Unix epoch, UTC), oldest first; empty buckets are left out. With <paramref name="stackBy"/> each bucket is split
    /// by that field's value (ordered by value, ordinal, events without one first).
    /// </summary>
    Task<IReadOnlyList<TimeBucket>> CountByTimeAsync(EventQuery query, TimeSpan bucket, EventField? stackBy, CancellationToken cancellationToken);
}
