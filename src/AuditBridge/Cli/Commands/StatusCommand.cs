using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using AuditBridge.Configuration;
using AuditBridge.Daemon;
using AuditBridge.Journal;
using AuditBridge.Sinks;

namespace AuditBridge.Cli.Commands;

/// <summary><c>auditbridge status</c>: how every source and sink is doing, read from the journal (the daemon may be running).</summary>
internal static class StatusCommand
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new UtcTimeConverter() },
    };

    public static Command Create(CliContext context)
    {
        var command = new Command("status", "Show per source (last poll, last success, newest event, lag, events today, quarantined events, last error) and per sink (position, backlog, records sent, last delivery, last error).");
        var config = DaemonConfigOption.Create();
        var json = new Option<bool>("--json") { Description = "One JSON document instead of tables." };
        command.Add(config);
        command.Add(json);
        command.SetAction((result, _) =>
            SharedJournal.UseExistingAsync(context, result.GetValue(config)!, async (loaded, journal) =>
            {
                var report = await ReadAsync(loaded, journal, context.Time.GetUtcNow(), context.Termination);
                await context.Out.WriteAsync(result.GetValue(json) ? JsonSerializer.Serialize(report, Json) + "\n" : Table(report));
                return ExitCodes.Success;
            }));
        return command;
    }

    internal static async Task<StatusReport> ReadAsync(DaemonConfig config, IJournal journal, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var store = journal as IJournalStatusStore ?? throw new InvalidOperationException("the journal keeps no status");
        var head = await journal.GetHeadAsync(cancellationToken);
        var sourceRows = (await store.GetSourceStatusAsync(cancellationToken)).ToDictionary(s => s.Source, StringComparer.Ordinal);
        var sinkRows = (await store.GetSinkStatusAsync(cancellationToken)).ToDictionary(s => s.Sink, StringComparer.Ordinal);

        var neverDelivered = config.Sinks.Any(s => !sinkRows.ContainsKey(s.Name))
            ? await SinkBacklog.OfNewSinkAsync(journal, head, cancellationToken)
            : 0;
        var sources = config.Sources.Select(s =>
        {
            var row = sourceRows.GetValueOrDefault(s.Name);
            return new SourceReport(
                s.Name,
                s.Type,
                s.Enabled,
                row?.LastPoll,
                row?.LastSuccess,
                row?.NewestEventTime,
                row?.NewestEventTime is { } newest ? Math.Round((now - newest).TotalSeconds) : null,
                row?.EventsToday ?? 0,
                row?.Quarantined ?? 0,
                row?.LastStored,
                row?.Position,
                row?.LastError,
                row?.LastErrorTime,
                row?.LastError is not null && (row.LastSuccess is null || row.LastErrorTime >= row.LastSuccess));
        }).ToList();
        var sinks = config.Sinks.Select(s =>
        {
            var row = sinkRows.GetValueOrDefault(s.Name);
            return new SinkReport(
                s.Name,
                s.Type,
                s.Guarantee == DeliveryGuarantee.BestEffort ? "best_effort" : "at_least_once",
                s.Enabled,
                row?.Position ?? 0,
                row?.Pending ?? neverDelivered,
                row?.RequestedPosition,
                row?.Sent ?? 0,
                row?.LastDelivery,
                row?.LastError,
                row?.LastErrorTime,
                row?.LastError is not null && (row.LastDelivery is null || row.LastErrorTime >= row.LastDelivery));
        }).ToList();
        return new StatusReport(config.Journal.Path, head, now, sources, sinks);
    }

    internal static string Table(StatusReport report)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Journal {report.Journal}: newest sequence number {report.Head}, at {Time(report.Now)}\n\n");
        Rows(
            text,
            ["SOURCE", "TYPE", "LAST POLL", "LAST SUCCESS", "NEWEST EVENT", "LAG", "TODAY", "QUARANTINED", "LAST ERROR"],
            report.Sources.Select(s => new[]
            {
                s.Name + (s.Enabled ? string.Empty : " (disabled)"),
                s.Type,
                Ago(s.LastPoll, report.Now),
                Ago(s.LastSuccess, report.Now),
                s.NewestEventTime is { } newest ? Time(newest) : "-",
                s.LagSeconds is { } lag ? Duration(TimeSpan.FromSeconds(lag)) : "-",
                s.EventsToday.ToString("N0", CultureInfo.InvariantCulture),
                s.Quarantined.ToString("N0", CultureInfo.InvariantCulture),
                Error(s.LastError, s.LastErrorTime, s.Failing, report.Now),
            }));
        text.Append('\n');
        Rows(
            text,
            ["SINK", "TYPE", "POSITION", "BACKLOG", "SENT", "LAST DELIVERY", "LAST ERROR"],
            report.Sinks.Select(s => new[]
            {
                s.Name + (s.Enabled ? string.Empty : " (disabled)"),
                s.Type + (s.Guarantee == "best_effort" ? " (udp, best effort)" : string.Empty),
                s.Position.ToString(CultureInfo.InvariantCulture) + (s.RequestedPosition is { } requested ? $" (replay from {requested + 1} requested)" : string.Empty),
                s.Backlog.ToString("N0", CultureInfo.InvariantCulture),
                s.Sent.ToString("N0", CultureInfo.InvariantCulture),
                Ago(s.LastDelivery, report.Now),
                Error(s.LastError, s.LastErrorTime, s.Failing, report.Now),
            }));
        if (report.Sinks.Any(s => s.Guarantee == "best_effort"))
        {
            // UDP gives no acknowledgement: the position and SENT say what left this host, not what the receiver kept.
            text.Append("\nbest effort: SENT counts the datagrams that left this host; nothing confirms that the receiver got them (use tcp:// or tls:// where that matters).\n");
        }

        return text.ToString();
    }

    private static void Rows(StringBuilder text, string[] header, IEnumerable<string[]> rows)
    {
        var all = new List<string[]> { header };
        all.AddRange(rows);
        var widths = header.Select((_, i) => all.Max(r => r[i].Length)).ToArray();
        foreach (var row in all)
        {
            for (var i = 0; i < row.Length; i++)
            {
                text.Append(i == row.Length - 1 ? row[i] : row[i].PadRight(widths[i] + 2));
            }

            text.Append('\n');
        }
    }

    private static string Error(string? error, DateTimeOffset? at, bool failing, DateTimeOffset now)
    {
        if (error is null)
        {
            return "-";
        }

        // Status is a table: one line per row. The full text is in --json and the log.
        var line = error.ReplaceLineEndings(" ");
        line = line.Length > 100 ? line[..99] + "…" : line;
        return (failing ? string.Empty : "(recovered) ") + line + $" ({Ago(at, now)})";
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Ago(DateTimeOffset? time, DateTimeOffset now) => time is { } t ? Duration(now - t) + " ago" : "never";

    private static string Duration(TimeSpan span) => span switch
    {
        _ when span < TimeSpan.Zero => "0s",
        _ when span < TimeSpan.FromMinutes(1) => $"{(int)span.TotalSeconds}s",
        _ when span < TimeSpan.FromHours(1) => $"{(int)span.TotalMinutes}m{span.Seconds:00}s",
        _ when span < TimeSpan.FromDays(2) => $"{(int)span.TotalHours}h{span.Minutes:00}m",
        _ => $"{(int)span.TotalDays}d{span.Hours:00}h",
    };
}

/// <summary>Times in <c>status --json</c> as RFC 3339 UTC with a Z (<c>2026-12-02T07:41:05.123Z</c>), as in the logs and the table.</summary>
internal sealed class UtcTimeConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
}

/// <summary>What <c>status --json</c> prints (snake_case keys; times RFC 3339 UTC with a Z; null when never).</summary>
internal sealed record StatusReport(string Journal, long Head, DateTimeOffset Now, IReadOnlyList<SourceReport> Sources, IReadOnlyList<SinkReport> Sinks);

/// <summary>
/// One source in <see cref="StatusReport"/>; <paramref name="Quarantined"/> counts the events the journal keeps in
/// quarantine (<c>auditbridge quarantine list</c>); <paramref name="Failing"/> when the last error is newer than the last success.
/// </summary>
internal sealed record SourceReport(
    string Name,
    string Type,
    bool Enabled,
    DateTimeOffset? LastPoll,
    DateTimeOffset? LastSuccess,
    DateTimeOffset? NewestEventTime,
    double? LagSeconds,
    long EventsToday,
    long Quarantined,
    DateTimeOffset? LastStored,
    string? Checkpoint,
    string? LastError,
    DateTimeOffset? LastErrorTime,
    bool Failing);

/// <summary>
/// One sink in <see cref="StatusReport"/>; <paramref name="Guarantee"/> is <c>at_least_once</c> or <c>best_effort</c>
/// (UDP), <paramref name="Sent"/> the records (UDP: datagrams) handed off in completed batches, <paramref name="Failing"/>
/// true when the last error is newer than the last delivery.
/// </summary>
internal sealed record SinkReport(
    string Name,
    string Type,
    string Guarantee,
    bool Enabled,
    long Position,
    long Backlog,
    long? RequestedPosition,
    long Sent,
    DateTimeOffset? LastDelivery,
    string? LastError,
    DateTimeOffset? LastErrorTime,
    bool Failing);
