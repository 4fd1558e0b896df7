using AuditBridge.Journal.Leases;

namespace AuditBridge.Journal.Sqlite;

internal sealed partial class SqliteJournal
{
    // Sequence numbers per retention transaction: short transactions let appends and position updates through.
    internal const long DeleteChunk = 10_000;

    private const string SelectPositionSql = "SELECT position FROM sink_positions WHERE sink = ?1";

    private const string UpsertPositionSql = """
        INSERT INTO sink_positions(sink, position, updated_ms) VALUES(?1, ?2, ?3)
        ON CONFLICT(sink) DO UPDATE SET position = excluded.position, updated_ms = excluded.updated_ms
        """;

    private const string RequestPositionSql = """
        INSERT INTO sink_positions(sink, position, requested, requested_ms, updated_ms) VALUES(?1, 0, ?2, ?3, ?3)
        ON CONFLICT(sink) DO UPDATE SET requested = excluded.requested, requested_ms = excluded.requested_ms
        """;

    private const string HasRequestSql = "SELECT 1 FROM sink_positions WHERE sink = ?1 AND requested IS NOT NULL";

    private const string TakeRequestSql = """
        UPDATE sink_positions SET position = requested, requested = NULL, requested_ms = NULL, updated_ms = ?2
        WHERE sink = ?1 AND requested IS NOT NULL
        RETURNING position
        """;

    // The last sequence any append received before the cut-off filled: nothing above it can be old enough.
    private const string ExpiredBoundSql = "SELECT max(last_seq) FROM appends WHERE received_ms < ?1";

    private const string LowestSequenceSql = "SELECT min(seq) FROM events";

    private const string DeleteEventsSql = "DELETE FROM events WHERE seq >= ?1 AND seq <= ?2 AND received_ms < ?3";

    // An append row goes once all its events are gone: they share its receive time, and its last one is at or below the bound.
    private const string DeleteAppendsSql = "DELETE FROM appends WHERE last_seq <= ?1 AND received_ms < ?2";

    public Task<long> GetPositionAsync(string sink, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(sink);
        return ReadAsync("read a sink position from", session =>
        {
            var select = session.Prepare(SelectPositionSql);
            select.Bind(1, sink);
            return select.ExecuteInt64() ?? 0;
        }, cancellationToken);
    }

    public Task SetPositionAsync(string sink, long sequence, Fence? fence, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(sink);
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        return WriteAsync("store a sink position in", session =>
        {
            if (fence is not null)
            {
                session.Begin();
                CheckFence(session, fence, "store a sink position in");
            }

            var upsert = session.Prepare(UpsertPositionSql);
            upsert.Bind(1, sink);
            upsert.Bind(2, sequence);
            upsert.Bind(3, NowMilliseconds());
            upsert.Execute();
            if (fence is not null)
            {
                session.Commit();
            }

            return true;
        }, cancellationToken);
    }

    public Task RequestPositionAsync(string sink, long sequence, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(sink);
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        return WriteAsync("request a sink position in", session =>
        {
            var request = session.Prepare(RequestPositionSql);
            request.Bind(1, sink);
            request.Bind(2, sequence);
            request.Bind(3, NowMilliseconds());
            request.Execute();
            return true;
        }, cancellationToken);
    }

    public async Task<long?> TakeRequestedPositionAsync(string sink, Fence? fence, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(sink);

        // Called before every batch and nearly always with nothing requested: a reader answers that without queueing
        // behind an append for the writer. A request stored after this look is taken before the next batch.
        var requested = await ReadAsync("look for a requested sink position in", session =>
        {
            var has = session.Prepare(HasRequestSql);
            has.Bind(1, sink);
            return has.ExecuteInt64() is not null;
        }, cancellationToken);
        if (!requested)
        {
            return null;
        }

        return await WriteAsync("take a requested sink position from", session =>
        {
            session.Begin();
            CheckFence(session, fence, "take a requested sink position from");
            var take = session.Prepare(TakeRequestSql);
            take.Bind(1, sink);
            take.Bind(2, NowMilliseconds());
            var taken = take.ExecuteInt64();
            session.Commit();
            return taken;
        }, cancellationToken);
    }

    public async Task<long> DeleteExpiredAsync(DateTimeOffset olderThan, long deliveredUpTo, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(deliveredUpTo);
        var olderMs = olderThan.ToUnixTimeMilliseconds();
        var (low, high) = await WriteAsync("apply retention to", session =>
        {
            var expiredBound = session.Prepare(ExpiredBoundSql);
            expiredBound.Bind(1, olderMs);
            var bound = expiredBound.ExecuteInt64();
            var lowest = session.Prepare(LowestSequenceSql).ExecuteInt64();
            return (lowest ?? 0, Math.Min(bound ?? 0, deliveredUpTo));
        }, cancellationToken);

        long deleted = 0;
        for (var from = Math.Max(low, 1); from <= high; from += DeleteChunk)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var to = Math.Min(high, from + DeleteChunk - 1);
            deleted += await WriteAsync("apply retention to", session =>
            {
                var delete = session.Prepare(DeleteEventsSql);
                delete.Bind(1, from);
                delete.Bind(2, to);
                delete.Bind(3, olderMs);
                delete.Execute();
                return (long)session.Changes;
            }, cancellationToken);
        }

        if (high > 0)
        {
            await WriteAsync("apply retention to", session =>
            {
                var delete = session.Prepare(DeleteAppendsSql);
                delete.Bind(1, high);
                delete.Bind(2, olderMs);
                delete.Execute();
                return true;
            }, cancellationToken);
        }

        await DeleteExpiredQuarantineAsync(olderMs, cancellationToken);
        return deleted;
    }
}
