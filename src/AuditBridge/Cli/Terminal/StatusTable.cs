using System.Globalization;
using System.Text;
using AuditBridge.Status;

namespace AuditBridge.Cli.Terminal;

/// <summary>The status model as the tables <c>auditbridge status</c> and the demo print.</summary>
internal static class StatusTable
{
    public static string Render(StatusReport report)
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
