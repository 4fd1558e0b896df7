using System.Text;
using System.Text.Json;
using AuditBridge.Simulators.Box;
using AuditBridge.Sources.Box;

namespace AuditBridge.Connectors.Tests.Simulators.Box;

public sealed class BoxEventGeneratorTests
{
    private const int Sample = 5_000;
    private static readonly BoxEventGenerator Generator = new(new BoxSimulatorOptions { Seed = 7, EventCount = Sample });

    [Fact]
    public void GetAvailableCount_WithALastEventTime_StopsGrowingThere_AndServesTheLastPartialStreamingBlock()
    {
        var first = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var generator = new BoxEventGenerator(new BoxSimulatorOptions { FirstEventTime = first, LastEventTime = first.AddMinutes(1) });

        Assert.Equal(4, generator.GetAvailableCount(first.AddSeconds(30)));
        Assert.Equal(7, generator.GetAvailableCount(first.AddDays(30)));
        Assert.Equal(7, generator.GetMatchingIndexes(new BoxEventQuery { Streaming = true }, first.AddDays(30)).Count());
    }

    [Fact]
    public void Events_AreDeterministic_AndDependOnTheSeed()
    {
        var again = new BoxEventGenerator(new BoxSimulatorOptions { Seed = 7, EventCount = Sample });
        var other = new BoxEventGenerator(new BoxSimulatorOptions { Seed = 8, EventCount = Sample });

        Assert.Equal(Generator.GetEventJson(123).ToArray(), again.GetEventJson(123).ToArray());
        Assert.NotEqual(Generator.GetEventJson(123).ToArray(), other.GetEventJson(123).ToArray());
    }

    [Fact]
    public void EventTypes_CoverEveryTypeOfBoxsEnterpriseEventTable_InEveryRunOfThatLength()
    {
        // The connector's table holds Box's descriptions exactly for the types of Box's enterprise event table (seeds/003).
        var seedTable = BoxEventTypes.Instance.Names.Where(type => BoxEventTypes.Instance.DescriptionOf(type) is not null).ToList();

        var run = Enumerable.Range(1_000, Generator.EventTypes.Count).Select(i => Generator.GetEventType(i)).ToHashSet();

        Assert.Equal(92, seedTable.Count);
        Assert.Subset(Generator.EventTypes.ToHashSet(), seedTable.ToHashSet());
        Assert.Equal(Generator.EventTypes.ToHashSet(), run);
    }

    [Fact]
    public void EventIds_AreUnique_InBothOfBoxsForms()
    {
        var ids = Enumerable.Range(0, Sample).Select(i => Generator.GetEventId(i)).ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains(ids, id => id.Length == 40 && id.All(char.IsAsciiHexDigitLower));
        Assert.Contains(ids, id => Guid.TryParseExact(id, "D", out _) && id[14] == '4');
        Assert.All(ids, id => Assert.True(id.Length is 36 or 40, id));
    }

    [Fact]
    public void Events_CarryEverySourceShapeOfTheReference()
    {
        var shapes = Events().Select(e => SourceShapeOf(e.GetProperty("source"))).ToHashSet();

        Assert.Equal(["app_item", "collaboration", "event_source:file", "event_source:folder", "file", "folder", "generic", "group", "null", "user", "web_link"], shapes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Events_CarryTheAwkwardPartsOfRealPayloads()
    {
        var events = Events().ToList();

        Assert.Contains(events, e => e.GetProperty("created_by").GetProperty("id").GetString() == "2" && e.GetProperty("created_by").GetProperty("login").GetString() == string.Empty);
        Assert.Contains(events, e => e.TryGetProperty("created_by", out var actor) && actor.GetProperty("login").GetString()!.EndsWith("@boxdevedition.com", StringComparison.Ordinal));
        Assert.Contains(events, e => e.TryGetProperty("additional_details", out var d) && d.ValueKind == JsonValueKind.String && JsonDocument.Parse(d.GetString()!).RootElement.ValueKind == JsonValueKind.Object);
        Assert.Contains(events, e => e.TryGetProperty("additional_details", out var d) && d.ValueKind == JsonValueKind.Object);
        Assert.Contains(events, e => e.TryGetProperty("additional_details", out var d) && d.ValueKind == JsonValueKind.Null);
        Assert.Contains(events, e => !e.TryGetProperty("additional_details", out _));
        Assert.Contains(events, e => e.GetProperty("created_at").GetString()!.EndsWith("-07:00", StringComparison.Ordinal));
        Assert.Contains(events, e => e.GetProperty("created_at").GetString()!.EndsWith("+05:30", StringComparison.Ordinal));
        Assert.Contains(events, e => e.TryGetProperty("ip_address", out var ip) && ip.GetString() == "Unknown IP");
        Assert.Contains(events, e => e.TryGetProperty("ip_address", out var ip) && ip.GetString()!.Contains(':', StringComparison.Ordinal));
        Assert.Contains(events, e => e.TryGetProperty("accessible_by", out var a) && a.GetProperty("type").GetString() == "group");
        Assert.Contains(events, e => e.TryGetProperty("accessible_by", out var a) && a.GetProperty("type").GetString() == "user");
        Assert.Contains(events, e => e.TryGetProperty("action_by", out var a) && a.ValueKind == JsonValueKind.Object);
        Assert.Contains(events, e => !e.TryGetProperty("recorded_at", out _));
        Assert.Contains(events, e => e.GetProperty("session_id").ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public void CreatedAt_IsTheEventTimeWrittenWithAnOffset()
    {
        var first = Parse(0).GetProperty("created_at").GetString()!;

        Assert.Equal(Generator.GetTime(0), DateTimeOffset.Parse(first, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(10 * 4_321), Generator.GetTime(4_321));
    }

    [Fact]
    public void HostileEvents_KeepTheirValuesRawInsideValidJson()
    {
        var hostile = Enumerable.Range(0, 600).Where(i => Generator.IsHostile(i)).ToList();

        var names = hostile.Select(i => Parse(i).GetProperty("source").GetProperty("name").GetString()!).ToList();

        Assert.Equal(12, hostile.Count);
        Assert.Contains("x|CEF:0|Forged|Product|1|forged|Forged|10|src=6.6.6.6 suser=attacker", names);
        Assert.Contains(names, n => n.Contains('\n', StringComparison.Ordinal));
        Assert.Contains(names, n => n.Length == 5_000);
        Assert.Contains("日本語", Encoding.UTF8.GetString(Generator.GetEventJson(hostile[7]).Span), StringComparison.Ordinal);
    }

    private static IEnumerable<JsonElement> Events() => Enumerable.Range(0, 2_000).Select(Parse);

    private static JsonElement Parse(int index)
    {
        using var document = JsonDocument.Parse(Generator.GetEventJson(index));
        return document.RootElement.Clone();
    }

    private static string SourceShapeOf(JsonElement source)
    {
        if (source.ValueKind == JsonValueKind.Null)
        {
            return "null";
        }

        if (source.TryGetProperty("item_type", out var itemType))
        {
            return "event_source:" + itemType.GetString();
        }

        if (source.TryGetProperty("folder_id", out _))
        {
            return "collaboration";
        }

        return source.TryGetProperty("type", out var type) && type.GetString() is "file" or "folder" or "web_link" or "user" or "group" or "app_item"
            ? type.GetString()!
            : "generic";
    }
}
