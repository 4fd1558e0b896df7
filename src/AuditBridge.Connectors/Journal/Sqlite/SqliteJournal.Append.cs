using System.Collections.Concurrent;
using AuditBridge.Events;
using AuditBridge.Journal.Leases;
using AuditBridge.Sources;

namespace AuditBridge.Journal.Sqlite;

internal sealed partial class SqliteJournal
{
    // Not INSERT OR IGNORE: SQLite takes an AUTOINCREMENT number before it finds the conflict, so every skipped
    // duplicate would leave a gap. Without gaps a sink's backlog is head minus position, not a count over the events.
    // Not one INSERT … SELECT … WHERE NOT EXISTS either: a multi-row INSERT form opens a statement journal, which copies
    // every page it touches before changing it (measured: half the time of an append). A lookup, then a single-row
    // INSERT, needs none, and a duplicate costs only the lookup.
    //
    // The UNIQUE(source, time_ms, id) index answers the lookup and still guards the table. Time leads the id in it
    // because ids are random (hashes, uuids) and times are not: new events land on the index's last pages instead of
    // dirtying a random page per event. An id always comes with its event's time (the time is part of the event the
    // vendor repeats), so (source, time, id) is unique exactly when (source, id) is.
    private const string SelectEventSql = "SELECT 1 FROM events WHERE source = ?1 AND time_ms = ?2 AND id = ?3";

    private const string InsertEventSql = """
        INSERT INTO events(source, id, vendor, time_ms, received_ms, category, action, severity,
                           actor_email, actor_name, target_email, target_name, ip, indicators, body, raw,
                           description, object_path)
        VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)
        """;

    private const string UpsertCheckpointSql = """
        INSERT INTO checkpoints(source, position, newest_ticks, updated_ms) VALUES(?1, ?2, ?3, ?4)
        ON CONFLICT(source) DO UPDATE SET position = excluded.position, newest_ticks = excluded.newest_ticks, updated_ms = excluded.updated_ms
        """;

    private const string InsertAppendSql = """
        INSERT INTO appends(first_seq, last_seq, source, received_ms, time_min_ms, time_max_ms, inserted, duplicates)
        VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
        """;

    private const string UpsertRecentSql = """
        INSERT INTO checkpoint_recent(source, id, time_ticks) VALUES(?1, ?2, ?3)
        ON CONFLICT(source, id) DO UPDATE SET time_ticks = excluded.time_ticks
        """;

    private const string DeleteRecentSql = "DELETE FROM checkpoint_recent WHERE source = ?1 AND id = ?2";

    private const string SelectRecentSql = "SELECT id, time_ticks FROM checkpoint_recent WHERE source = ?1";

    private const string SelectHeadSql = "SELECT seq FROM sqlite_sequence WHERE name = 'events'";

    // Encoded pages are reused: pages from several sources are encoded at the same time, each into its own.
    private readonly ConcurrentBag<EncodedPage> _encodedPages = [];

    // The recent ids stored per source, as of the last commit. The window is diffed against this, so a page writes the
    // ids that came and went instead of the whole window. Only the lock holder appends, so nobody else changes the
    // rows; a failed append drops the entry and the next one reads the rows again.
    private readonly Dictionary<string, Dictionary<string, long>> _windows = new(StringComparer.Ordinal);

    /// <summary>
    /// Called inside an append's transaction before each event's lookup, with its index in the page; null in production.
    /// The events are read before the transaction, so this is how the crash tests pause (and kill) an append half-way.
    /// </summary>
    internal Action<int>? BeforeEventInTransaction { get; set; }

    public async Task<AppendResult> AppendAsync(string source, SourcePage page, DateTimeOffset received, Fence? fence, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(page.Events);
        ArgumentNullException.ThrowIfNull(page.Checkpoint);
        ArgumentNullException.ThrowIfNull(page.Quarantined);
        if (_options.Shared)
        {
            throw new InvalidOperationException($"The journal {_path} was opened shared (for a tool next to the daemon); only the daemon's exclusive open appends.");
        }

        // Checking and encoding the events is a third of an append's work and needs no transaction: done before the
        // write gate, on the caller's thread, it no longer holds up position updates and other sources' appends. The
        // events are read here, once, so whatever fails in the caller's own list fails before anything was begun.
        cancellationToken.ThrowIfCancellationRequested();
        var encoded = _encodedPages.TryTake(out var reused) ? reused : new EncodedPage();
        try
        {
            encoded.Encode(source, page.Events, received);
            return await WriteAsync("append a page to", session =>
            {
                try
                {
                    return Append(session, source, page.Checkpoint, page.Quarantined, encoded, received, fence);
                }
                catch
                {
                    _windows.Remove(source);
                    throw;
                }
            }, cancellationToken);
        }
        finally
        {
            encoded.Clear();
            if (encoded.WorthKeeping)
            {
                _encodedPages.Add(encoded);
            }
        }
    }

    private AppendResult Append(SqliteSession session, string source, Checkpoint checkpoint, IReadOnlyList<QuarantinedEvent> quarantined, EncodedPage page, DateTimeOffset received, Fence? fence)
    {
        var stored = session.Prepare(SelectEventSql);
        var insert = session.Prepare(InsertEventSql);

        // Bindings survive a reset: the values shared by the whole page are bound once.
        stored.Bind(1, source);
        insert.Bind(1, source);
        insert.Bind(5, received.ToUnixTimeMilliseconds());

        var inserted = 0;
        var duplicates = 0;
        long firstSequence = 0;
        long lastSequence = 0;
        var timeMin = long.MaxValue;
        var timeMax = long.MinValue;

        session.Begin();
        CheckFence(session, fence, "append a page to");

        // Whatever fails half-way (the store, a full disk) leaves the transaction to be rolled back whole.
        for (var i = 0; i < page.Count; i++)
        {
            BeforeEventInTransaction?.Invoke(i);
            var auditEvent = page.Events[i];
            var timeMs = auditEvent.Time.ToUnixTimeMilliseconds();
            stored.Bind(2, timeMs);
            stored.Bind(3, auditEvent.Id);
            if (stored.ExecuteInt64() is not null)
            {
                duplicates++;
                continue;
            }

            Bind(insert, auditEvent, timeMs, page, i);
            insert.Execute();
            lastSequence = session.LastInsertRowId;
            if (inserted++ == 0)
            {
                firstSequence = lastSequence;
            }

            timeMin = Math.Min(timeMin, timeMs);
            timeMax = Math.Max(timeMax, timeMs);
        }

        var quarantinedNew = AppendQuarantine(session, source, quarantined, received);
        var upsert = session.Prepare(UpsertCheckpointSql);
        upsert.Bind(1, source);
        upsert.Bind(2, checkpoint.Position);
        upsert.Bind(3, checkpoint.NewestEventTime?.UtcTicks);
        upsert.Bind(4, NowMilliseconds());
        upsert.Execute();
        var window = WriteWindow(session, source, checkpoint.Recent);

        if (inserted > 0)
        {
            var append = session.Prepare(InsertAppendSql);
            append.Bind(1, firstSequence);
            append.Bind(2, lastSequence);
            append.Bind(3, source);
            append.Bind(4, received.ToUnixTimeMilliseconds());
            append.Bind(5, timeMin);
            append.Bind(6, timeMax);
            append.Bind(7, inserted);
            append.Bind(8, duplicates);
            append.Execute();
        }

        var head = session.Prepare(SelectHeadSql).ExecuteInt64() ?? 0;
        session.Commit();
        _windows[source] = window;
        return new AppendResult(inserted, duplicates, head, quarantinedNew);
    }

    /// <summary>Binds one event's columns (all but the page-wide source and received time).</summary>
    private static void Bind(SqliteStatement insert, AuditEvent auditEvent, long timeMs, EncodedPage page, int index)
    {
        insert.Bind(2, auditEvent.Id);
        insert.Bind(3, auditEvent.Vendor ?? string.Empty);
        insert.Bind(4, timeMs);
        insert.Bind(6, auditEvent.Category ?? string.Empty);
        insert.Bind(7, auditEvent.Action ?? string.Empty);
        insert.Bind(8, auditEvent.Severity);
        insert.Bind(9, auditEvent.Actor?.Email);
        insert.Bind(10, auditEvent.Actor?.Name);
        insert.Bind(11, auditEvent.Target?.Email);
        insert.Bind(12, auditEvent.Target?.Name);
        insert.Bind(13, auditEvent.Ip);
        if (page.TryGetIndicators(index, out var indicators))
        {
            insert.BindText(14, indicators);
        }
        else
        {
            insert.BindNull(14);
        }

        insert.BindBlob(15, page.Body(index));
        insert.BindBlob(16, auditEvent.Raw.Span);
        insert.Bind(17, auditEvent.Description);
        insert.Bind(18, Query.EventQuery.FirstObjectPath(auditEvent));
    }

    /// <summary>
    /// Stores the checkpoint's recent ids by writing only the difference to what is stored. Returns the new window, which
    /// becomes the cached one once the transaction commits. The window is a set: an id listed twice keeps its last time.
    /// </summary>
    private Dictionary<string, long> WriteWindow(SqliteSession session, string source, IReadOnlyList<SeenEvent> recent)
    {
        ArgumentNullException.ThrowIfNull(recent);
        if (!_windows.TryGetValue(source, out var stored))
        {
            stored = LoadWindow(session, source);
        }

        var next = new Dictionary<string, long>(recent.Count, StringComparer.Ordinal);
        for (var i = 0; i < recent.Count; i++)
        {
            var seen = recent[i];
            next[seen.Id ?? throw new ArgumentException($"Recent event {i} of the checkpoint has no id.")] = seen.Time.UtcTicks;
        }

        SqliteStatement? upsert = null;
        foreach (var (id, ticks) in next)
        {
            if (stored.TryGetValue(id, out var storedTicks) && storedTicks == ticks)
            {
                continue;
            }

            if (upsert is null)
            {
                upsert = session.Prepare(UpsertRecentSql);
                upsert.Bind(1, source);
            }

            upsert.Bind(2, id);
            upsert.Bind(3, ticks);
            upsert.Execute();
        }

        if (stored.Count > 0)
        {
            SqliteStatement? delete = null;
            foreach (var id in stored.Keys)
            {
                if (next.ContainsKey(id))
                {
                    continue;
                }

                if (delete is null)
                {
                    delete = session.Prepare(DeleteRecentSql);
                    delete.Bind(1, source);
                }

                delete.Bind(2, id);
                delete.Execute();
            }
        }

        return next;
    }

    private static Dictionary<string, long> LoadWindow(SqliteSession session, string source)
    {
        var window = new Dictionary<string, long>(StringComparer.Ordinal);
        var select = session.Prepare(SelectRecentSql);
        select.Bind(1, source);
        try
        {
            while (select.Step())
            {
                window[select.Text(0)!] = select.Int64(1);
            }
        }
        finally
        {
            select.Reset();
        }

        return window;
    }
}
