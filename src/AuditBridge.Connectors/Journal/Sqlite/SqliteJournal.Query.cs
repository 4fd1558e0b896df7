using System.Globalization;
using System.Text.Json;
using AuditBridge.Journal.Query;

namespace AuditBridge.Journal.Sqlite;

internal sealed partial class SqliteJournal
{
    // One statement shape for every query: a condition left out binds NULL and is true. The planner uses the time range
    // on events_by_time; the other conditions filter what it walks. Lists come as one JSON array (json_each), so the
    // statement cache never grows with the length of a list, and no value is ever part of the SQL text.
    private const string WhereSql = """
        time_ms >= ?1 AND time_ms < ?2
          AND (?3 IS NULL OR vendor IN (SELECT value FROM json_each(?3)))
          AND (?4 IS NULL OR source IN (SELECT value FROM json_each(?4)))
          AND (?5 IS NULL OR category IN (SELECT value FROM json_each(?5)))
          AND (?6 IS NULL OR action IN (SELECT value FROM json_each(?6)))
          AND (?7 IS NULL OR actor_email = ?7 COLLATE NOCASE OR actor_name = ?7 COLLATE NOCASE)
          AND (?8 IS NULL OR target_email = ?8 COLLATE NOCASE OR target_name = ?8 COLLATE NOCASE)
          AND (?9 IS NULL OR object_path = ?9 OR substr(object_path, 1, length(?9) + 1) = ?9 || '/')
          AND (?10 IS NULL OR ip = ?10)
          AND severity BETWEEN ?11 AND ?12
          AND (?13 IS NULL OR instr(lower(description), ?13) > 0 OR instr(lower(CAST(raw AS TEXT)), ?13) > 0)
        """;

    // Newest first; the cursor (the last row of the previous page) narrows the time range and skips what it passed.
    private const string QuerySql = $"""
        SELECT seq, time_ms, body, raw FROM events
        WHERE {WhereSql}
          AND (?14 IS NULL OR time_ms < ?14 OR seq < ?15)
        ORDER BY time_ms DESC, seq DESC LIMIT ?16
        """;

    // The column (or expression) each countable field is stored in; never built from a caller's text.
    private static readonly Dictionary<EventField, string> FieldColumns = new()
    {
        [EventField.Vendor] = "vendor",
        [EventField.Source] = "source",
        [EventField.Category] = "category",
        [EventField.Action] = "action",
        [EventField.Actor] = "coalesce(actor_email, actor_name)",
        [EventField.Target] = "coalesce(target_email, target_name)",
        [EventField.Ip] = "ip",
        [EventField.Severity] = "CAST(severity AS TEXT)",
    };

    public Task<EventPage> QueryAsync(EventQuery query, string? cursor, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var after = cursor is null ? ((long Time, long Sequence)?)null : ParseCursor(cursor);
        return ReadAsync("query", session =>
        {
            var select = session.Prepare(QuerySql);
            Bind(select, query);
            if (after is { } position)
            {
                // Nothing newer than the cursor's time can follow it: the upper bound moves down to just past it.
                select.Bind(2, Math.Min(UpperBound(query), position.Time + 1));
                select.Bind(14, position.Time);
                select.Bind(15, position.Sequence);
            }
            else
            {
                select.BindNull(14);
                select.BindNull(15);
            }

            select.Bind(16, limit + 1);
            var entries = new List<JournalEntry>(Math.Min(limit, 1024));
            var more = false;
            long lastTime = 0;
            try
            {
                while (select.Step())
                {
                    if (entries.Count == limit)
                    {
                        more = true;
                        break;
                    }

                    var sequence = select.Int64(0);
                    lastTime = select.Int64(1);
                    entries.Add(new JournalEntry(sequence, Decode(sequence, select.Blob(2), select.Blob(3))));
                }
            }
            finally
            {
                select.Reset();
            }

            return new EventPage(entries, more ? Cursor(lastTime, entries[^1].Sequence) : null);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<FieldCount>> CountByFieldAsync(EventQuery query, EventField field, int top, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        var column = FieldColumns.TryGetValue(field, out var known) ? known : throw new ArgumentOutOfRangeException(nameof(field), field, null);
        var sql = $"SELECT {column} AS v, count(*) AS n FROM events WHERE {WhereSql} AND {column} IS NOT NULL GROUP BY v ORDER BY n DESC, v LIMIT ?16";
        return ReadAsync<IReadOnlyList<FieldCount>>("count events in", session =>
        {
            var select = session.Prepare(sql);
            Bind(select, query);
            select.Bind(16, top);
            var counts = new List<FieldCount>(top);
            try
            {
                while (select.Step())
                {
                    counts.Add(new FieldCount(select.Text(0)!, select.Int64(1)));
                }
            }
            finally
            {
                select.Reset();
            }

            return counts;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<TimeBucket>> CountByTimeAsync(EventQuery query, TimeSpan bucket, EventField? stackBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var size = (long)bucket.TotalMilliseconds;
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1, nameof(bucket));
        var stack = stackBy is { } field
            ? FieldColumns.TryGetValue(field, out var known) ? known : throw new ArgumentOutOfRangeException(nameof(stackBy), stackBy, null)
            : "NULL";

        // The modulo of a negative time is negative in SQLite: the double modulo puts every time in the bucket below it.
        var sql = $"SELECT time_ms - (((time_ms % ?16) + ?16) % ?16) AS b, {stack} AS s, count(*) FROM events WHERE {WhereSql} GROUP BY b, s ORDER BY b, s";
        return ReadAsync<IReadOnlyList<TimeBucket>>("count events in", session =>
        {
            var select = session.Prepare(sql);
            Bind(select, query);
            select.Bind(16, size);
            var buckets = new List<TimeBucket>();
            try
            {
                while (select.Step())
                {
                    buckets.Add(new TimeBucket(DateTimeOffset.FromUnixTimeMilliseconds(select.Int64(0)), select.Text(1), select.Int64(2)));
                }
            }
            finally
            {
                select.Reset();
            }

            return buckets;
        }, cancellationToken);
    }

    /// <summary>Binds parameters 1 to 13 (<see cref="WhereSql"/>) from the query.</summary>
    private static void Bind(SqliteStatement select, EventQuery query)
    {
        select.Bind(1, query.From?.ToUnixTimeMilliseconds() ?? long.MinValue);
        select.Bind(2, UpperBound(query));
        select.Bind(3, List(query.Vendors));
        select.Bind(4, List(query.Sources));
        select.Bind(5, List(query.Categories));
        select.Bind(6, List(query.Actions));
        select.Bind(7, query.Actor);
        select.Bind(8, query.Target);
        select.Bind(9, query.ObjectPathPrefix?.TrimEnd('/'));
        select.Bind(10, query.Ip);
        select.Bind(11, query.MinSeverity ?? int.MinValue);
        select.Bind(12, query.MaxSeverity ?? int.MaxValue);
        select.Bind(13, query.Text is null ? null : EventQuery.AsciiLower(query.Text));
    }

    private static long UpperBound(EventQuery query) => query.To?.ToUnixTimeMilliseconds() ?? long.MaxValue;

    private static string? List(IReadOnlyList<string>? values) => values is null ? null : JsonSerializer.Serialize(values);

    private AuditBridge.Events.AuditEvent Decode(long sequence, ReadOnlySpan<byte> body, ReadOnlySpan<byte> raw)
    {
        try
        {
            return AuditEventCodec.Decode(body, raw.ToArray());
        }
        catch (FormatException e)
        {
            throw SqliteErrors.CorruptFile(_path, "query", string.Create(CultureInfo.InvariantCulture, $"event {sequence}: {e.Message}"), e);
        }
    }

    // "<time_ms>.<seq>": the last row of a page. Opaque to callers; checked strictly when it comes back.
    private static string Cursor(long timeMs, long sequence) => string.Create(CultureInfo.InvariantCulture, $"{timeMs}.{sequence}");

    private static (long Time, long Sequence) ParseCursor(string cursor)
    {
        var dot = cursor.LastIndexOf('.');
        if (dot > 0
            && long.TryParse(cursor.AsSpan(0, dot), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var time)
            && long.TryParse(cursor.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            return (time, sequence);
        }

        throw new ArgumentException($"'{cursor}' is not a cursor this journal gave (expected a page's NextCursor).", nameof(cursor));
    }
}
