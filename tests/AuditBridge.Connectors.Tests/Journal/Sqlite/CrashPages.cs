using System.Globalization;
using System.Text;
using AuditBridge.Events;
using AuditBridge.Sources;

namespace AuditBridge.Connectors.Tests.Journal.Sqlite;

/// <summary>
/// The pages the crash child appends, computed from the page number alone, so the test knows exactly what a journal
/// holding pages 1..n must contain: the events, and page n's checkpoint with its window of the last two pages' ids.
/// </summary>
internal static class CrashPages
{
    public const string Source = "crash-source";
    public const int EventsPerPage = 40;

    private static readonly DateTimeOffset Start = new(2024, 5, 3, 0, 0, 0, TimeSpan.Zero);

    public static string Id(int page, int index) => string.Create(CultureInfo.InvariantCulture, $"crash:{page}:{index}");

    public static DateTimeOffset Time(int page, int index) => Start.AddSeconds((page * EventsPerPage) + index).AddTicks(index);

    public static AuditEvent[] Events(int page)
    {
        var events = new AuditEvent[EventsPerPage];
        for (var i = 0; i < events.Length; i++)
        {
            // About 1 KB of raw JSON, like a Dropbox event, so a page spans many database pages.
            var raw = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $$"""{"page":{{page}},"index":{{i}},"pad":"{{new string((char)('a' + (i % 26)), 1000)}}"}"""));
            events[i] = new AuditEvent
            {
                Id = Id(page, i),
                Vendor = "dropbox",
                Source = Source,
                Time = Time(page, i),
                Category = "file_operations",
                Action = "file_download",
                Actor = new Principal(PrincipalKind.User, "dbmid:crash", "crash@northwind.example", "Crash Test"),
                Ip = "198.51.100.23",
                Indicators = ["crash@northwind.example", "198.51.100.23"],
                Sections = [new EventSection("page", "Page", raw.AsMemory(1, 8))],
                Raw = raw,
            };
        }

        return events;
    }

    /// <summary>Page <paramref name="page"/>'s checkpoint: the window holds the ids of this page and the one before.</summary>
    public static Checkpoint Checkpoint(int page)
    {
        var recent = new List<SeenEvent>();
        for (var p = Math.Max(1, page - 1); p <= page; p++)
        {
            for (var i = 0; i < EventsPerPage; i++)
            {
                recent.Add(new SeenEvent(Id(p, i), Time(p, i)));
            }
        }

        return new Checkpoint(Position(page), Time(page, EventsPerPage - 1), recent);
    }

    public static string Position(int page) => string.Create(CultureInfo.InvariantCulture, $"page-{page}");

    /// <summary>The page number in a stored checkpoint's position; 0 when there is none.</summary>
    public static int PageOf(Checkpoint? checkpoint) =>
        checkpoint?.Position is { } position ? int.Parse(position.AsSpan("page-".Length), CultureInfo.InvariantCulture) : 0;
}
