using System.Text;
using AuditBridge.Sources;
using AuditBridge.Sources.Dropbox;
using AuditBridge.Sources.Files;

namespace AuditBridge.Connectors.Tests.Sources.Files;

public sealed class ConvertSourceTests
{
    [Fact]
    public async Task ReadAsync_MapsEveryEventInPages_WithTheSameIdsAsTheLiveSource()
    {
        var events = EventFileReaderTests.Events();
        var source = Create(EventFileReaderTests.Build("array", events), skipInvalid: false, pageSize: 150);

        var pages = await ReadAllAsync(source);

        Assert.Equal([150, 150, 100], pages.Select(p => p.Events.Count));
        Assert.Equal(events.Count, pages.SelectMany(p => p.Events).Select(e => e.Id).Distinct().Count());
        Assert.All(pages.SelectMany(p => p.Events), e => Assert.StartsWith(DropboxEventMapper.IdPrefix, e.Id, StringComparison.Ordinal));
        Assert.False(pages[^1].HasMore);
    }

    [Theory]
    [InlineData("{\"timestamp\":\"2024-05-03T10:41:07Z\"", "in.jsonl:2: not valid JSON")]
    [InlineData("{\"timestamp\":\"2024-05-03T10:41:07Z\"}", "in.jsonl:2: not a dropbox event: it has no 'event_type' tag (byte offset")]
    [InlineData("[1,2]", "in.jsonl:2: not a dropbox event: it is a JSON Array, not an event object")]
    public async Task ReadAsync_WhenAnEventIsInvalid_StopsWithFileLineAndOffset(string badLine, string expected)
    {
        var good = Encoding.UTF8.GetString(EventFileReaderTests.Events()[0]);
        var source = Create(Encoding.UTF8.GetBytes(good + "\n" + badLine + "\n" + good + "\n"), skipInvalid: false);

        var failure = await Assert.ThrowsAsync<SourceException>(() => ReadAllAsync(source));

        Assert.Equal(SourceErrorKind.InvalidInput, failure.Kind);
        Assert.StartsWith(expected, failure.Message, StringComparison.Ordinal);
        Assert.Contains("--skip-invalid", failure.Message, StringComparison.Ordinal);
    }

    // A mapper that fails on data nobody foresaw (a defect): convert reports the event where it is, no stack trace.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ReadAsync_WhenMappingAnEventFails_NamesItsLineAndOffset_OrSkipsItWithSkipInvalid(bool skipInvalid)
    {
        var lines = EventFileReaderTests.Events().Take(3).Select(Encoding.UTF8.GetString).ToList();
        var mapper = new FailingMapper(VendorEventMappers.Create("dropbox", "dropbox", static (_, _) => 5), failOn: lines[1]);
        var source = ConvertSourceFactory.Create(new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\n", lines))), mapper, new ConvertSourceOptions { Name = "in.jsonl", SkipInvalid = skipInvalid });

        if (!skipInvalid)
        {
            var failure = await Assert.ThrowsAsync<SourceException>(() => ReadAllAsync(source));
            Assert.Equal(SourceErrorKind.InvalidInput, failure.Kind);
            Assert.StartsWith("in.jsonl:2: a dropbox event that cannot be converted (mapping failed: InvalidOperationException: no text) (byte offset ", failure.Message, StringComparison.Ordinal);
            return;
        }

        var pages = await ReadAllAsync(source);

        Assert.Equal(2, pages.Sum(p => p.Events.Count));
        Assert.Equal(1, ((IConvertStatistics)source).Skipped);
    }

    [Fact]
    public async Task ReadAsync_WithSkipInvalid_SkipsAndCountsBadLinesAndKeepsTheRest()
    {
        var events = EventFileReaderTests.Events().Take(5).Select(Encoding.UTF8.GetString).ToList();
        var text = string.Join("\n", [events[0], "not json", events[1], "{\"x\":1}", events[2], events[3], events[4]]);
        var source = Create(Encoding.UTF8.GetBytes(text), skipInvalid: true);

        var pages = await ReadAllAsync(source);

        Assert.Equal(5, pages.Sum(p => p.Events.Count));
        var statistics = Assert.IsAssignableFrom<IConvertStatistics>(source);
        Assert.Equal(2, statistics.Skipped);
        Assert.StartsWith("in.jsonl:2: not valid JSON", statistics.FirstSkipped, StringComparison.Ordinal);
        Assert.Equal(EventFileLayout.Lines, statistics.Layout);
    }

    /// <summary>The real mapper, which throws for one event as a mapper defect would.</summary>
    private sealed class FailingMapper(IVendorEventMapper inner, string failOn) : IVendorEventMapper
    {
        public string Vendor => inner.Vendor;

        public string? Validate(System.Text.Json.JsonElement vendorEvent) => inner.Validate(vendorEvent);

        public AuditBridge.Events.AuditEvent Map(System.Text.Json.JsonElement vendorEvent) =>
            vendorEvent.GetRawText() == failOn ? throw new InvalidOperationException("no text") : inner.Map(vendorEvent);
    }

    private static ISource Create(byte[] input, bool skipInvalid, int pageSize = 1000) => ConvertSourceFactory.Create(
        new MemoryStream(input),
        VendorEventMappers.Create("dropbox", "dropbox", static (_, _) => 5),
        new ConvertSourceOptions { Name = "in.jsonl", SkipInvalid = skipInvalid, PageSize = pageSize });

    private static async Task<List<SourcePage>> ReadAllAsync(ISource source)
    {
        var pages = new List<SourcePage>();
        await foreach (var page in source.ReadAsync(null, TestContext.Current.CancellationToken))
        {
            pages.Add(page);
        }

        return pages;
    }
}
