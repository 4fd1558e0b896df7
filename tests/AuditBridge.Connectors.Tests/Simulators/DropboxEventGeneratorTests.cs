using System.Text;
using System.Text.Json;
using AuditBridge.Simulators.Dropbox;
using AuditBridge.Sources.Json;

namespace AuditBridge.Connectors.Tests.Simulators;

public sealed class DropboxEventGeneratorTests
{
    private const int Sample = 3_000;

    private static readonly string[] ExpectedVariants =
    [
        "actor:user/team_member", "actor:user/non_team_member", "actor:user/trusted_non_team_member", "actor:admin/team_member",
        "actor:app/team_linked_app", "actor:app/user_linked_app", "actor:app/user_or_team_linked_app",
        "actor:reseller", "actor:dropbox", "actor:anonymous", "actor:absent",
        "context:team_member", "context:non_team_member", "context:trusted_non_team_member", "context:organization_team",
        "context:team", "context:anonymous", "context:absent",
        "participants:absent", "participants:none", "participants:user", "participants:group", "participants:several",
        "assets:absent", "assets:none", "assets:file", "assets:folder", "assets:paper_document", "assets:paper_folder",
        "assets:showcase_document", "assets:several",
        "origin:absent", "origin:ipv4", "origin:ipv6", "origin:no_geo",
        "access:end_user/web", "access:end_user/desktop", "access:end_user/mobile", "access:admin_console", "access:api",
        "access:content_manager", "access:enterprise_console", "access:sign_in_as",
        "details:missing_details", "description:prefixed", "description:plain",
        "user:member_external_id", "user:trusted_non_team_member_type", "user:team",
    ];

    private static readonly DropboxEventGenerator Generator = new(new DropboxSimulatorOptions());

    [Fact]
    public void GetEventType_FirstCycle_CoversEveryTypeAndEveryCategoryOfTheTsv()
    {
        var types = Enumerable.Range(0, 631).Select(i => Generator.GetEventType(i)).ToHashSet(StringComparer.Ordinal);
        var categories = Enumerable.Range(0, 631).Select(i => Generator.GetCategory(i)).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(631, types.Count);
        Assert.Equal(26, categories.Count);
        Assert.Subset(categories, new HashSet<string>(["admin_alerting", "dash", "data_governance", "encryption", "protect", "signatures"], StringComparer.Ordinal));
    }

    [Fact]
    public void GetEventType_ConsecutiveEvents_AlwaysDiffer()
    {
        var types = Enumerable.Range(0, Sample).Select(i => Generator.GetEventType(i)).ToList();

        Assert.All(Enumerable.Range(1, Sample - 1), i => Assert.NotEqual(types[i - 1], types[i]));
    }

    [Fact]
    public void GetEventJson_FirstFewThousandEvents_ContainEveryVariant()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);

        for (var i = 0; i < Sample; i++)
        {
            using var document = JsonDocument.Parse(Generator.GetEventJson(i));
            CollectVariants(document.RootElement, seen);
        }

        Assert.Empty(ExpectedVariants.Except(seen));
    }

    [Fact]
    public void GetEventJson_EveryEvent_HasTheRequiredFieldsAndMatchingTags()
    {
        for (var i = 0; i < Sample; i++)
        {
            using var document = JsonDocument.Parse(Generator.GetEventJson(i));
            var root = document.RootElement;

            Assert.Equal(Generator.GetTime(i).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), root.GetProperty("timestamp").GetString());
            Assert.Equal(Generator.GetCategory(i), root.GetProperty("event_category").GetProperty(".tag").GetString());
            Assert.Equal(Generator.GetEventType(i), root.GetProperty("event_type").GetProperty(".tag").GetString());
            var details = root.GetProperty("details").GetProperty(".tag").GetString();
            Assert.True(details == Generator.GetEventType(i) + "_details" || details == "missing_details", details);
        }
    }

    [Fact]
    public void GetEventJson_RealisticDetails_CarryTheirFields()
    {
        var details = Enumerable.Range(0, 20 * 631)
            .Where(i => Generator.GetEventType(i) is "login_fail" or "tfa_change_status" or "member_change_admin_role")
            .Select(i => Encoding.UTF8.GetString(Generator.GetEventJson(i).Span))
            .Where(json => !json.Contains("missing_details", StringComparison.Ordinal))
            .ToList();

        Assert.Contains(details, d => d.Contains("\"login_fail_details\"", StringComparison.Ordinal) && d.Contains("\"error_details\":{", StringComparison.Ordinal));
        Assert.Contains(details, d => d.Contains("\"tfa_change_status_details\",\"new_value\":{\".tag\":", StringComparison.Ordinal));
        Assert.Contains(details, d => d.Contains("\"member_change_admin_role_details\",\"new_value\":{\".tag\":", StringComparison.Ordinal));
    }

    [Fact]
    public void GetEventJson_HostileEvents_CarryEveryAwkwardValueAndStayValidJson()
    {
        var hostile = Enumerable.Range(0, 13 * 50).Where(i => Generator.IsHostile(i)).ToList();
        var decoded = new List<string>();

        foreach (var index in hostile)
        {
            var bytes = Generator.GetEventJson(index);
            Assert.DoesNotContain((byte)'\n', bytes.ToArray());
            Assert.DoesNotContain((byte)'\r', bytes.ToArray());
            using var document = JsonDocument.Parse(bytes);
            decoded.Add(JsonRead.Text(document.RootElement.GetProperty("actor").GetProperty("user").GetProperty("display_name")));
        }

        Assert.Equal(13, hostile.Count);
        Assert.Contains("Pipe|Name||with|pipes|", decoded);
        Assert.Contains(decoded, d => d.Contains("key=value", StringComparison.Ordinal));
        Assert.Contains(decoded, d => d.EndsWith('\\'));
        Assert.Contains(decoded, d => d.Contains('\r', StringComparison.Ordinal) && !d.Contains('\n', StringComparison.Ordinal));
        Assert.Contains(decoded, d => d.Contains('\n', StringComparison.Ordinal) && !d.Contains('\r', StringComparison.Ordinal));
        Assert.Contains(decoded, d => d.Contains("\r\n", StringComparison.Ordinal));
        Assert.Contains(decoded, d => d.Contains('\t', StringComparison.Ordinal));
        Assert.Contains(decoded, d => d.Contains("日本語", StringComparison.Ordinal) && d.Contains("\U0001F600", StringComparison.Ordinal) && d.Contains('é', StringComparison.Ordinal));
        Assert.Contains(decoded, d => d.Length == 5_000);
        Assert.Contains("x|CEF:0|Forged|Product|1|forged|Forged|10|src=6.6.6.6 suser=attacker", decoded);
        Assert.Contains(decoded, d => d.StartsWith("\n<14>1 2024-01-01T00:00:00Z evil - - - CEF:0|", StringComparison.Ordinal));
        Assert.Contains(decoded, d => d.Contains('"', StringComparison.Ordinal) && d.Contains('{', StringComparison.Ordinal));

        // No text exists for it: it reads as the escape the simulator sent.
        Assert.Contains("lone \\ud800 surrogate", decoded);
    }

    [Fact]
    public void GetEventJson_HostileEvent_PutsTheValueInNamesPathsGroupsDescriptionAndDetails()
    {
        var index = Enumerable.Range(0, 600).First(i => Generator.IsHostile(i)
            && Encoding.UTF8.GetString(Generator.GetEventJson(i).Span).Contains("\"missing_details\"", StringComparison.Ordinal));

        using var document = JsonDocument.Parse(Generator.GetEventJson(index));

        var root = document.RootElement;
        var value = root.GetProperty("actor").GetProperty("user").GetProperty("display_name").GetString()!;
        Assert.Contains(value, root.GetProperty("actor").GetProperty("user").GetProperty("email").GetString()!, StringComparison.Ordinal);
        Assert.Equal(value, root.GetProperty("participants")[0].GetProperty("display_name").GetString());
        Assert.Equal(value, root.GetProperty("assets")[0].GetProperty("display_name").GetString());
        Assert.EndsWith(value, root.GetProperty("assets")[0].GetProperty("path").GetProperty("contextual").GetString()!, StringComparison.Ordinal);
        Assert.EndsWith(value, root.GetProperty("event_type").GetProperty("description").GetString()!, StringComparison.Ordinal);
        Assert.Equal(value, root.GetProperty("details").GetProperty("source_event_fields").GetString());
    }

    [Fact]
    public void GetEventJson_SameSeed_IsByteIdenticalAndDifferentSeedDiffers()
    {
        var same = new DropboxEventGenerator(new DropboxSimulatorOptions());
        var other = new DropboxEventGenerator(new DropboxSimulatorOptions { Seed = 1 });

        var indexes = Enumerable.Range(0, 500).Select(i => (long)i * 997).ToList();

        Assert.All(indexes, i => Assert.True(Generator.GetEventJson(i).Span.SequenceEqual(same.GetEventJson(i).Span)));
        Assert.All(indexes, i => Assert.False(Generator.GetEventJson(i).Span.SequenceEqual(other.GetEventJson(i).Span)));
    }

    [Fact]
    public void GetEventJson_ManyEvents_AreAllDistinct()
    {
        var sub = new DropboxEventGenerator(new DropboxSimulatorOptions { EventInterval = TimeSpan.FromMilliseconds(100) });

        var distinct = Enumerable.Range(0, 10_000).Select(i => Encoding.UTF8.GetString(sub.GetEventJson(i).Span)).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(10_000, distinct.Count);
    }

    [Fact]
    public void AccountIds_AreFortyCharacterDropboxIds()
    {
        var ids = Generator.AccountIds;

        Assert.Equal(62, ids.Count);
        Assert.All(ids, id => Assert.Equal(40, id.Length));
        Assert.All(ids, id => Assert.StartsWith("dbid:", id, StringComparison.Ordinal));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void GetTime_IsFirstEventTimePlusIndexTimesIntervalInWholeSeconds()
    {
        var generator = new DropboxEventGenerator(new DropboxSimulatorOptions { EventInterval = TimeSpan.FromMilliseconds(1_500) });

        var time = generator.GetTime(3);

        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 0, 4, TimeSpan.Zero), time);
    }

    [Fact]
    public void GetMatchingIndexes_WithAccountFilter_ReturnsEventsInvolvingTheAccountInAscendingOrder()
    {
        var account = Generator.AccountIds[55];

        var indexes = Generator.GetMatchingIndexes(new DropboxEventQuery { AccountId = account }).Take(50).ToList();

        Assert.Equal(50, indexes.Count);
        Assert.Equal(indexes.Order(), indexes);
        Assert.All(indexes, i => Assert.Contains(account, Encoding.UTF8.GetString(Generator.GetEventJson(i).Span), StringComparison.Ordinal));
    }

    [Fact]
    public void GetAvailableCount_WhenUnbounded_CountsEventsWhoseTimeHasCome()
    {
        var available = Generator.GetAvailableCount(new DateTimeOffset(2024, 1, 1, 0, 1, 0, TimeSpan.Zero));

        Assert.Equal(7, available);
    }

    [Fact]
    public void GetAvailableCount_WithALastEventTime_StopsGrowingThere()
    {
        var first = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var generator = new DropboxEventGenerator(new DropboxSimulatorOptions { FirstEventTime = first, LastEventTime = first.AddMinutes(1) });

        Assert.Equal(4, generator.GetAvailableCount(first.AddSeconds(30)));
        Assert.Equal(7, generator.GetAvailableCount(first.AddMinutes(1)));
        Assert.Equal(7, generator.GetAvailableCount(first.AddDays(30)));
    }

    private static void CollectVariants(JsonElement root, HashSet<string> seen)
    {
        if (root.TryGetProperty("actor", out var actor))
        {
            var tag = actor.GetProperty(".tag").GetString()!;
            seen.Add(actor.TryGetProperty(tag, out var inner) ? $"actor:{tag}/{inner.GetProperty(".tag").GetString()}" : $"actor:{tag}");
            if (inner.ValueKind == JsonValueKind.Object)
            {
                CollectUserFields(inner, seen);
            }
        }
        else
        {
            seen.Add("actor:absent");
        }

        seen.Add(root.TryGetProperty("context", out var context) ? $"context:{context.GetProperty(".tag").GetString()}" : "context:absent");
        if (context.ValueKind == JsonValueKind.Object)
        {
            CollectUserFields(context, seen);
        }

        seen.Add(ListVariant("participants", root));
        seen.Add(ListVariant("assets", root));
        if (root.TryGetProperty("origin", out var origin))
        {
            seen.Add(!origin.TryGetProperty("geo_location", out var geo) ? "origin:no_geo"
                : geo.GetProperty("ip_address").GetString()!.Contains(':', StringComparison.Ordinal) ? "origin:ipv6" : "origin:ipv4");
            var access = origin.GetProperty("access_method");
            var tag = access.GetProperty(".tag").GetString();
            seen.Add(tag == "end_user" ? $"access:end_user/{access.GetProperty("end_user").GetProperty(".tag").GetString()}" : $"access:{tag}");
        }
        else
        {
            seen.Add("origin:absent");
        }

        if (root.GetProperty("details").GetProperty(".tag").GetString() == "missing_details")
        {
            seen.Add("details:missing_details");
        }

        var description = JsonRead.Text(root.GetProperty("event_type").GetProperty("description"));
        seen.Add(description.StartsWith('(') ? "description:prefixed" : "description:plain");
    }

    private static void CollectUserFields(JsonElement user, HashSet<string> seen)
    {
        foreach (var name in (string[])["member_external_id", "trusted_non_team_member_type", "team"])
        {
            if (user.TryGetProperty(name, out _))
            {
                seen.Add($"user:{name}");
            }
        }
    }

    private static string ListVariant(string name, JsonElement root)
    {
        if (!root.TryGetProperty(name, out var list))
        {
            return $"{name}:absent";
        }

        return list.GetArrayLength() switch
        {
            0 => $"{name}:none",
            1 => $"{name}:{list[0].GetProperty(".tag").GetString()}",
            _ => $"{name}:several",
        };
    }
}
