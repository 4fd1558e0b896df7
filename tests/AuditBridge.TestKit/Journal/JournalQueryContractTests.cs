using System.Text;
using AuditBridge.Events;
using AuditBridge.Journal;
using AuditBridge.Journal.Query;
using AuditBridge.TestKit.Time;

namespace AuditBridge.TestKit.Journal;

/// <summary>
/// The query contract every journal keeps (<see cref="IJournalQuery"/>): over simulator events of all three vendors,
/// each query's pages, counts and buckets are exactly what <see cref="EventQuery.Matches"/> selects from the appended
/// events, newest first, and paging stays stable while events are stored.
/// </summary>
public abstract class JournalQueryContractTests
{
    private const int PerVendor = 300;

    protected JournalQueryContractTests()
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero));
    }

    protected FakeTimeProvider Time { get; }

    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Opens a new, empty journal under test.</summary>
    protected abstract Task<IJournal> OpenAsync();

    public static TheoryData<string> Queries => [.. QueryCases.Keys];

    private static Dictionary<string, Func<IReadOnlyList<AuditEvent>, EventQuery>> QueryCases { get; } = new(StringComparer.Ordinal)
    {
        ["all"] = _ => EventQuery.All,
        ["time range"] = events => new EventQuery { From = Middle(events, 0.25), To = Middle(events, 0.6) },
        ["vendors"] = _ => new EventQuery { Vendors = ["box", "dashlane"] },
        ["sources"] = _ => new EventQuery { Sources = ["acme-dropbox"] },
        ["category and action"] = events => new EventQuery { Categories = [events[7].Category, events[500].Category], Actions = [events[7].Action, events[500].Action, "no_such_action"] },
        ["actor, other case"] = events => new EventQuery { Actor = AsciiUpper(events.First(e => e.Actor?.Email is not null).Actor!.Email!) },
        ["actor by name"] = events => new EventQuery { Actor = events.First(e => e.Actor?.Email is null && e.Actor?.Name is not null).Actor!.Name },
        ["target"] = events => new EventQuery { Target = events.First(e => e.Target?.Email is not null).Target!.Email },
        ["path prefix"] = events => new EventQuery { ObjectPathPrefix = FirstSegment(events.First(e => EventQuery.FirstObjectPath(e)?.Count(c => c == '/') > 1)) },
        ["path prefix with a slash"] = events => new EventQuery { ObjectPathPrefix = FirstSegment(events.First(e => EventQuery.FirstObjectPath(e)?.Count(c => c == '/') > 1)) + "/" },
        ["root path"] = _ => new EventQuery { ObjectPathPrefix = "/" },
        ["ip"] = events => new EventQuery { Ip = events.First(e => e.Ip is not null).Ip },
        ["severity band"] = _ => new EventQuery { MinSeverity = 4, MaxSeverity = 7 },
        ["free text in raw, other case"] = _ => new EventQuery { Text = "NORTHWIND" },
        ["free text in the description"] = events => new EventQuery { Text = events.First(e => e.Description is { Length: > 8 }).Description![2..8] },
        ["free text with a hostile value"] = _ => new EventQuery { Text = "CEF:0|" },
        ["everything at once"] = events => new EventQuery { From = Middle(events, 0.1), Vendors = ["dropbox", "box"], MinSeverity = 2, Text = "a" },
        ["nothing"] = _ => new EventQuery { Vendors = ["slack"] },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task QueryAsync_PagedToTheEnd_ReturnsExactlyTheMatchingEventsNewestFirst(string name)
    {
        await using var journal = await OpenAsync();
        var stored = await StoreAsync(journal);
        var query = QueryCases[name](stored.Select(e => e.Event).ToList());

        var read = await ReadAllAsync(journal, query, pageSize: 37);

        Assert.Equal(Expected(stored, query).Select(e => e.Sequence), read.Select(e => e.Sequence));
        Assert.All(read, e => Assert.True(query.Matches(e.Event), e.Event.Id));
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task CountByFieldAsync_EveryField_CountsTheMatchingEventsPerValue(string name)
    {
        await using var journal = await OpenAsync();
        var stored = await StoreAsync(journal);
        var query = QueryCases[name](stored.Select(e => e.Event).ToList());
        var matching = Expected(stored, query);

        foreach (var field in Enum.GetValues<EventField>())
        {
            var counts = await journal.CountByFieldAsync(query, field, 5, Token);

            var expected = matching
                .Select(e => EventQuery.ValueOf(e.Event, field))
                .OfType<string>()
                .GroupBy(v => v, StringComparer.Ordinal)
                .Select(g => new FieldCount(g.Key, g.LongCount()))
                .OrderByDescending(c => c.Count)
                .ThenBy(c => c.Value, Utf8Order.Instance)
                .Take(5);
            Assert.Equal(expected, counts);
        }
    }

    [Theory]
    [InlineData("all", 3600, null)]
    [InlineData("all", 86400, EventField.Vendor)]
    [InlineData("vendors", 7200, EventField.Severity)]
    [InlineData("everything at once", 900, EventField.Source)]
    public async Task CountByTimeAsync_CountsTheMatchingEventsPerBucketAndStack(string name, int seconds, EventField? stackBy)
    {
        await using var journal = await OpenAsync();
        var stored = await StoreAsync(journal);
        var query = QueryCases[name](stored.Select(e => e.Event).ToList());
        var size = TimeSpan.FromSeconds(seconds);

        var buckets = await journal.CountByTimeAsync(query, size, stackBy, Token);

        var ms = (long)size.TotalMilliseconds;
        var expected = Expected(stored, query)
            .GroupBy(e => (Start: e.Event.Time.ToUnixTimeMilliseconds() - (((e.Event.Time.ToUnixTimeMilliseconds() % ms) + ms) % ms), Stack: stackBy is { } f ? EventQuery.ValueOf(e.Event, f) : null))
            .Select(g => new TimeBucket(DateTimeOffset.FromUnixTimeMilliseconds(g.Key.Start), g.Key.Stack, g.LongCount()))
            .OrderBy(b => b.Start)
            .ThenBy(b => b.Stack, Utf8Order.Instance);
        Assert.Equal(expected, buckets);
        Assert.Equal(Expected(stored, query).Count, buckets.Sum(b => b.Count));
    }

    [Fact]
    public async Task QueryAsync_WhileEventsAreStored_PagesNeitherRepeatNorSkipWhatWasStoredBefore()
    {
        await using var journal = await OpenAsync();
        var stored = await StoreAsync(journal);
        var seen = new List<JournalEntry>();
        string? cursor = null;
        var round = 0;
        do
        {
            var page = await journal.QueryAsync(EventQuery.All, cursor, 50, Token);
            seen.AddRange(page.Entries);
            cursor = page.NextCursor;

            // Between two pages, new events arrive: some newer than everything, some as old as the oldest.
            var newer = JournalTestEvents.Event("late", $"newer-{round}", stored.Max(e => e.Event.Time).AddHours(round + 1));
            var older = JournalTestEvents.Event("late", $"older-{round}", stored.Min(e => e.Event.Time).AddDays(-1));
            await journal.AppendAsync("late", JournalTestEvents.Page([newer, older], $"late-{round++}"), Time.GetUtcNow(), Token);
        }
        while (cursor is not null);

        var before = stored.Select(e => e.Sequence).ToHashSet();
        Assert.Equal(seen.Count, seen.Select(e => e.Sequence).Distinct().Count());
        Assert.Subset(seen.Select(e => e.Sequence).ToHashSet(), before);
        Assert.DoesNotContain(seen, e => e.Event.Id.StartsWith("newer-", StringComparison.Ordinal));
        Assert.Contains(seen, e => e.Event.Id.StartsWith("older-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task QueryAsync_ACursorFromElsewhere_IsRefused()
    {
        await using var journal = await OpenAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => journal.QueryAsync(EventQuery.All, "not a cursor", 10, Token));
    }

    [Fact]
    public async Task QueryAsync_PathPrefix_MatchesWholeSegmentsOnly()
    {
        await using var journal = await OpenAsync();
        var events = new[] { "/Finance", "/Finance/Q2/forecast.xlsx", "/Financial/plan.docx", "/finance/lower.txt", null }
            .Select((path, i) => WithObject(JournalTestEvents.Event("acme-box", $"p{i}", Time.GetUtcNow().AddMinutes(-i)), path))
            .ToArray();
        await journal.AppendAsync("acme-box", JournalTestEvents.Page(events, "c1"), Time.GetUtcNow(), Token);

        var page = await journal.QueryAsync(new EventQuery { ObjectPathPrefix = "/Finance" }, null, 10, Token);

        Assert.Equal(["p0", "p1"], page.Entries.Select(e => e.Event.Id));
    }

    /// <summary>Stores the events of all three vendors in pages, with the clock moving; returns them with their sequence numbers.</summary>
    private async Task<List<JournalEntry>> StoreAsync(IJournal journal)
    {
        var stored = new List<JournalEntry>();
        foreach (var (source, events) in JournalTestEvents.AllVendors(PerVendor))
        {
            foreach (var chunk in events.Chunk(100))
            {
                var result = await journal.AppendAsync(source, JournalTestEvents.Page(chunk, $"{source}-{stored.Count}"), Time.GetUtcNow(), Token);
                var first = result.LastSequence - result.Inserted + 1;
                stored.AddRange(chunk.Select((e, i) => new JournalEntry(first + i, e)));
                Time.Advance(TimeSpan.FromSeconds(1));
            }
        }

        Assert.Equal(3 * PerVendor, stored.Count);
        return stored;
    }

    private static List<JournalEntry> Expected(List<JournalEntry> stored, EventQuery query) =>
        [.. stored.Where(e => query.Matches(e.Event)).OrderByDescending(e => e.Event.Time.ToUnixTimeMilliseconds()).ThenByDescending(e => e.Sequence)];

    private static async Task<List<JournalEntry>> ReadAllAsync(IJournal journal, EventQuery query, int pageSize)
    {
        var all = new List<JournalEntry>();
        string? cursor = null;
        do
        {
            var page = await journal.QueryAsync(query, cursor, pageSize, Token);
            Assert.True(page.Entries.Count <= pageSize);
            all.AddRange(page.Entries);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return all;
    }

    private static DateTimeOffset Middle(IReadOnlyList<AuditEvent> events, double fraction)
    {
        var times = events.Select(e => e.Time).Order().ToList();
        return times[(int)(times.Count * fraction)];
    }

    private static string FirstSegment(AuditEvent auditEvent)
    {
        var path = EventQuery.FirstObjectPath(auditEvent)!;
        return path[..path.IndexOf('/', 1)];
    }

    private static string AsciiUpper(string text) => string.Concat(text.Select(c => char.IsAsciiLetterLower(c) ? char.ToUpperInvariant(c) : c));

    private static AuditEvent WithObject(AuditEvent auditEvent, string? path) => new()
    {
        Id = auditEvent.Id,
        Vendor = auditEvent.Vendor,
        Source = auditEvent.Source,
        Time = auditEvent.Time,
        Category = auditEvent.Category,
        Action = auditEvent.Action,
        Objects = path is null ? [] : [new EventObject("file", path[(path.LastIndexOf('/') + 1)..], path)],
        Severity = auditEvent.Severity,
        Raw = auditEvent.Raw,
    };

    /// <summary>Ties are ordered by the values' UTF-8 bytes, as a database orders text.</summary>
    private sealed class Utf8Order : IComparer<string?>
    {
        public static Utf8Order Instance { get; } = new();

        public int Compare(string? x, string? y) =>
            x is null ? (y is null ? 0 : -1) : y is null ? 1 : Encoding.UTF8.GetBytes(x).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y));
    }
}
