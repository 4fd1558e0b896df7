namespace AuditBridge.Journal.Sqlite;

internal sealed partial class SqliteJournal
{
    private const string RecordSourcePollSql = """
        INSERT INTO source_status(source, last_poll_ms, last_success_ms, last_error, last_error_ms) VALUES(?1, ?2, ?3, ?4, ?5)
        ON CONFLICT(source) DO UPDATE SET
          last_poll_ms = excluded.last_poll_ms,
          last_success_ms = coalesce(excluded.last_success_ms, last_success_ms),
          last_error = CASE WHEN excluded.last_error_ms IS NULL THEN last_error ELSE excluded.last_error END,
          last_error_ms = coalesce(excluded.last_error_ms, last_error_ms)
        """;

    private const string RecordSinkDeliverySql = """
        INSERT INTO sink_status(sink, last_delivery_ms, last_error, last_error_ms, sent) VALUES(?1, ?2, ?3, ?4, ?5)
        ON CONFLICT(sink) DO UPDATE SET
          last_delivery_ms = coalesce(excluded.last_delivery_ms, last_delivery_ms),
          sent = sent + excluded.sent,
          last_error = CASE WHEN excluded.last_error_ms IS NULL THEN last_error ELSE excluded.last_error END,
          last_error_ms = coalesce(excluded.last_error_ms, last_error_ms)
        """;

    // Events today come from the append rows (one per stored page), not from a counter that would need resetting.
    private const string SourceStatusSql = """
        SELECT s.source, c.position, c.newest_ticks, st.last_poll_ms, st.last_success_ms, st.last_error, st.last_error_ms,
               (SELECT max(received_ms) FROM appends a WHERE a.source = s.source),
               (SELECT coalesce(sum(inserted), 0) FROM appends a WHERE a.source = s.source AND a.received_ms >= ?1),
               (SELECT count(*) FROM quarantine q WHERE q.source = s.source)
        FROM (SELECT source FROM checkpoints UNION SELECT source FROM source_status) s
        LEFT JOIN checkpoints c ON c.source = s.source
        LEFT JOIN source_status st ON st.source = s.source
        """;

    private const string SinkStatusSql = """
        SELECT s.sink, p.position, p.requested, d.last_delivery_ms, d.last_error, d.last_error_ms, coalesce(d.sent, 0)
        FROM (SELECT sink FROM sink_positions UNION SELECT sink FROM sink_status) s
        LEFT JOIN sink_positions p ON p.sink = s.sink
        LEFT JOIN sink_status d ON d.sink = s.sink
        """;

    public Task RecordSourcePollAsync(string source, DateTimeOffset at, string? failure, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        var ms = at.ToUnixTimeMilliseconds();
        var text = Truncate(failure);
        return WriteAsync("record a poll in", session =>
        {
            var record = session.Prepare(RecordSourcePollSql);
            record.Bind(1, source);
            record.Bind(2, ms);
            record.Bind(3, text is null ? ms : null);
            record.Bind(4, text);
            record.Bind(5, text is null ? null : ms);
            record.Execute();
            return true;
        }, cancellationToken);
    }

    public Task RecordSinkDeliveryAsync(string sink, DateTimeOffset at, long sent, string? failure, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(sink);
        ArgumentOutOfRangeException.ThrowIfNegative(sent);
        var ms = at.ToUnixTimeMilliseconds();
        var text = Truncate(failure);
        return WriteAsync("record a delivery in", session =>
        {
            var record = session.Prepare(RecordSinkDeliverySql);
            record.Bind(1, sink);
            record.Bind(2, text is null ? ms : null);
            record.Bind(3, text);
            record.Bind(4, text is null ? null : ms);
            record.Bind(5, sent);
            record.Execute();
            return true;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<SourceStatus>> GetSourceStatusAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var midnight = new DateTimeOffset(now.Date, TimeSpan.Zero).ToUnixTimeMilliseconds();
        return ReadAsync<IReadOnlyList<SourceStatus>>("read the status of", session =>
        {
            var statuses = new List<SourceStatus>();
            var select = session.Prepare(SourceStatusSql);
            select.Bind(1, midnight);
            try
            {
                while (select.Step())
                {
                    statuses.Add(new SourceStatus(
                        select.Text(0)!,
                        select.Text(1),
                        select.NullableInt64(2) is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null,
                        Time(select.NullableInt64(3)),
                        Time(select.NullableInt64(4)),
                        select.Text(5),
                        Time(select.NullableInt64(6)),
                        Time(select.NullableInt64(7)),
                        select.Int64(8),
                        select.Int64(9)));
                }
            }
            finally
            {
                select.Reset();
            }

            statuses.Sort(static (a, b) => string.CompareOrdinal(a.Source, b.Source));
            return statuses;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<SinkStatus>> GetSinkStatusAsync(CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<SinkStatus>>("read the status of", session =>
        {
            session.BeginRead();
            var head = session.Prepare(SelectHeadSql).ExecuteInt64() ?? 0;
            var lowest = session.Prepare(LowestSequenceSql).ExecuteInt64();
            var statuses = new List<SinkStatus>();
            var select = session.Prepare(SinkStatusSql);
            try
            {
                while (select.Step())
                {
                    var position = select.NullableInt64(1) ?? 0;

                    // Sequence numbers have no gaps above the lowest retained one (rolled-back appends give theirs back),
                    // so the backlog is a subtraction, not a count over the events.
                    var pending = lowest is { } low ? Math.Max(0, head - Math.Max(position, low - 1)) : 0;
                    statuses.Add(new SinkStatus(
                        select.Text(0)!,
                        position,
                        select.NullableInt64(2),
                        pending,
                        Time(select.NullableInt64(3)),
                        select.Text(4),
                        Time(select.NullableInt64(5)),
                        select.Int64(6)));
                }
            }
            finally
            {
                select.Reset();
            }

            session.Commit();
            statuses.Sort(static (a, b) => string.CompareOrdinal(a.Sink, b.Sink));
            return statuses;
        }, cancellationToken);

    private static DateTimeOffset? Time(long? milliseconds) =>
        milliseconds is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
}
