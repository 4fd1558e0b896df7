using AuditBridge.Sources;

namespace AuditBridge.Journal.Sqlite;

internal sealed partial class SqliteJournal
{
    private const string ReadEventsSql = "SELECT seq, body, raw FROM events WHERE seq > ?1 ORDER BY seq LIMIT ?2";

    private const string SelectCheckpointSql = "SELECT position, newest_ticks FROM checkpoints WHERE source = ?1";

    // The earliest append that stored an event of the wanted time, then its first such event in sequence order.
    private const string FindByReceivedSql = """
        SELECT seq FROM events
        WHERE seq >= (SELECT min(first_seq) FROM appends WHERE received_ms >= ?1) AND received_ms >= ?1
        ORDER BY seq LIMIT 1
        """;

    private const string FindByTimeSql = """
        SELECT seq FROM events
        WHERE seq >= (SELECT min(first_seq) FROM appends WHERE time_max_ms >= ?1) AND time_ms >= ?1
        ORDER BY seq LIMIT 1
        """;

    public Task<IReadOnlyList<JournalEntry>> ReadAsync(long afterSequence, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterSequence);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        return ReadAsync<IReadOnlyList<JournalEntry>>("read", session =>
        {
            var entries = new List<JournalEntry>(Math.Min(max, 1024));
            var select = session.Prepare(ReadEventsSql);
            select.Bind(1, afterSequence);
            select.Bind(2, max);
            try
            {
                // One statement is one read transaction: the rows come from one committed snapshot, whole pages only.
                while (select.Step())
                {
                    var sequence = select.Int64(0);
                    entries.Add(new JournalEntry(sequence, Decode(sequence, select.Blob(1), select.Blob(2))));
                }
            }
            finally
            {
                select.Reset();
            }

            return entries;
        }, cancellationToken);
    }

    public Task<Checkpoint?> GetCheckpointAsync(string source, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        return ReadAsync("read a checkpoint from", session =>
        {
            // The checkpoint row and its recent ids must come from the same commit.
            session.BeginRead();
            var select = session.Prepare(SelectCheckpointSql);
            select.Bind(1, source);
            string? position;
            long? newest;
            try
            {
                if (!select.Step())
                {
                    session.Commit();
                    return null;
                }

                position = select.Text(0);
                newest = select.NullableInt64(1);
            }
            finally
            {
                select.Reset();
            }

            var recent = new List<SeenEvent>();
            var window = session.Prepare(SelectRecentSql);
            window.Bind(1, source);
            try
            {
                while (window.Step())
                {
                    recent.Add(new SeenEvent(window.Text(0)!, new DateTimeOffset(window.Int64(1), TimeSpan.Zero)));
                }
            }
            finally
            {
                window.Reset();
            }

            session.Commit();

            // DedupeWindow's order: oldest first, ties by id (ordinal, as .NET compares, not as SQLite's BINARY does).
            recent.Sort(static (a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : string.CompareOrdinal(a.Id, b.Id));
            return new Checkpoint(position, newest is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null, recent);
        }, cancellationToken);
    }

    public Task<long> GetHeadAsync(CancellationToken cancellationToken) =>
        ReadAsync("read the head of", static session => session.Prepare(SelectHeadSql).ExecuteInt64() ?? 0, cancellationToken);

    public Task<long> FindSequenceAsync(DateTimeOffset since, JournalTimeField field, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(field))
        {
            throw new ArgumentOutOfRangeException(nameof(field), field, "Time or Received.");
        }

        // ToUnixTimeMilliseconds rounds towards the past: an event in the same millisecond is included, never missed.
        var sinceMs = since.ToUnixTimeMilliseconds();
        return ReadAsync("search", session =>
        {
            session.BeginRead();
            var find = session.Prepare(field == JournalTimeField.Time ? FindByTimeSql : FindByReceivedSql);
            find.Bind(1, sinceMs);
            var found = find.ExecuteInt64();
            var head = session.Prepare(SelectHeadSql).ExecuteInt64() ?? 0;
            session.Commit();
            return found ?? head + 1;
        }, cancellationToken);
    }
}
