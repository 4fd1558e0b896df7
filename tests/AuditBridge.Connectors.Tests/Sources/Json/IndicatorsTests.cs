using System.Text.Json;
using AuditBridge.Sources.Json;
using AuditBridge.TestKit;

namespace AuditBridge.Connectors.Tests.Sources.Json;

public sealed class IndicatorsTests
{
    public static TheoryData<string, string[]> EmailRows => new()
    {
        { "jane@x.example", ["jane@x.example"] },
        { "Jane.Doe@North-Wind.Example", ["jane.doe@north-wind.example"] },
        { "Jane Doe <jane@x.example>", ["jane@x.example"] },
        { "shared with a@b.example and c.d+tag@sub.e-x.example.", ["a@b.example", "c.d+tag@sub.e-x.example"] },
        { "user=jane@x.example;", ["jane@x.example"] },
        { "mailto:jane@x.example", ["jane@x.example"] },
        { "...jane@x.example", ["jane@x.example"] },
        { "a@b", [] },
        { "@x.example", [] },
        { "jane@", [] },
        { "jane@10.0.0.1", [] },
        { "jane@x.123", [] },
        { "a..b@x.example", [] },
        { "jane@x..example", [] },
        { "jane@-x.example", [] },
        { "zoé@x.example", [] },
        { "no at sign here", [] },
        { Address(254), [Address(254)] },
        { Address(255), [] },
    };

    public static TheoryData<string, string[]> AddressRows => new()
    {
        { "203.0.113.5", ["203.0.113.5"] },
        { "203.0.113.5:443", ["203.0.113.5"] },
        { "0.0.0.0", ["0.0.0.0"] },
        { "2001:db8:85a3::8a2e:370:7334", ["2001:db8:85a3::8a2e:370:7334"] },
        { "2001:DB8:0:0:0:0:0:1", ["2001:db8::1"] },
        { "[2001:db8::1]:443", ["2001:db8::1"] },
        { "[2001:db8::1]", ["2001:db8::1"] },
        { "::ffff:198.51.100.7", ["198.51.100.7"] },
        { "::1", ["::1"] },
        { "::", [] },
        { "1.2.3", [] },
        { "1.2.3.4.5", [] },
        { "010.0.0.1", [] },
        { "256.1.1.1", [] },
        { "203.0.113.5:99999", [] },
        { "203.0.113.5:0443", [] },
        { "[2001:db8::1]x", [] },
        { "12:30:45", [] },
        { "00:0c:29:6e:cb:f9", [] },
        { "Unknown IP", [] },
        { "deadbeef", [] },
        { "1714732867123", [] },
        { "from 203.0.113.5 today", [] },
        { "fe80::1%eth0", [] },
    };

    [Theory]
    [MemberData(nameof(EmailRows))]
    public void Collect_StringValue_FindsEveryEmailAddressInIt(string value, string[] expected)
    {
        var indicators = Collect(new { note = value }, IndicatorRules.None);

        Assert.Equal(expected, indicators);
    }

    [Theory]
    [MemberData(nameof(AddressRows))]
    public void Collect_StringValue_FindsTheAddressItIs(string value, string[] expected)
    {
        var indicators = Collect(new { ip_address = value }, IndicatorRules.None);

        Assert.Equal(expected, indicators);
    }

    [Theory]
    [InlineData("version")]
    [InlineData("client_version")]
    [InlineData("Version_Id")]
    [InlineData("schemaVersion")]
    public void Collect_FourPartVersionUnderAVersionKey_IsNotAnAddress(string key)
    {
        var indicators = Indicators.Collect(Parse($$"""{"{{key}}":"1.2.0.0","ip":"1.2.0.0"}"""), IndicatorRules.None);

        Assert.Equal(["1.2.0.0"], indicators);
        Assert.Empty(Indicators.Collect(Parse($$"""{"{{key}}":"1.2.0.0"}"""), IndicatorRules.None));
    }

    [Fact]
    public void Collect_Numbers_AreNeverAddresses()
    {
        var indicators = Indicators.Collect(Parse("""{"ts":1714732867123,"n":3232235777,"f":1.5,"list":[1,2,3,4]}"""), IndicatorRules.None);

        Assert.Empty(indicators);
    }

    [Fact]
    public void Collect_DropboxUserObjects_TakesTheirDisplayNamesButNotThoseOfAppsGroupsTeamsOrFiles()
    {
        var teamEvent = Parse("""
            {"actor":{".tag":"admin","admin":{".tag":"team_member","display_name":"Jonas Berg","email":"it-admin@northwind.example","team":{"display_name":"Northwind"}}},
             "context":{".tag":"non_team_member","display_name":"Guest One"},
             "participants":[{".tag":"group","display_name":"Finance"},{".tag":"user","user":{".tag":"trusted_non_team_member","display_name":"Auditor"}}],
             "assets":[{".tag":"file","display_name":"forecast.xlsx"}],
             "details":{"app_info":{".tag":"team_linked_app","app_id":"dbaid:1","display_name":"Backup App"},
                        "shared_content_owner":{"account_id":"dbid:2","display_name":"Owner Person"}},
             "reseller":{"reseller_name":"Reseller Ltd","reseller_email":"ops@reseller.example"}}
            """);

        var indicators = Indicators.Collect(teamEvent, IndicatorRules.Dropbox);

        Assert.Equal(
            ["Jonas Berg", "it-admin@northwind.example", "Guest One", "Auditor", "Owner Person", "Reseller Ltd", "ops@reseller.example"],
            indicators);
    }

    [Fact]
    public void Collect_BoxUserObjects_TakesNamesAndLoginsButNotGroupsOrItems()
    {
        var boxEvent = Parse("""
            {"created_by":{"type":"user","id":"1","name":"Priya Raman","login":"Priya.Raman@northwind.example"},
             "accessible_by":{"type":"group","id":"9","name":"Finance"},
             "source":{"type":"folder","id":"5","name":"Q2","owned_by":{"type":"user","id":"2","name":"Tomasz Wilk","login":"AppUser_77"}},
             "ip_address":"203.0.113.44"}
            """);

        var indicators = Indicators.Collect(boxEvent, IndicatorRules.Box);

        Assert.Equal(["Priya Raman", "priya.raman@northwind.example", "Tomasz Wilk", "AppUser_77", "203.0.113.44"], indicators);
    }

    [Fact]
    public void Collect_DashlaneLogins_AreEmailsOrUserNames()
    {
        var log = Parse("""{"author_user_id":77120453,"properties":{"author_login":"Priya.Raman@northwind.example","target_login":"jdoe","device_name":"Firefox - Windows"}}""");

        var indicators = Indicators.Collect(log, IndicatorRules.Dashlane);

        Assert.Equal(["priya.raman@northwind.example", "jdoe"], indicators);
    }

    [Fact]
    public void Collect_RepeatedValues_AreListedOnceInFirstSeenOrder()
    {
        var teamEvent = Parse("""
            {"a":"b@x.example","b":"203.0.113.5","c":["B@X.example","a@x.example"],"d":{"e":"203.0.113.5:80","f":"a@x.example"}}
            """);

        var indicators = Indicators.Collect(teamEvent, IndicatorRules.None);

        Assert.Equal(["b@x.example", "203.0.113.5", "a@x.example"], indicators);
    }

    [Fact]
    public void Collect_UserNames_AreTrimmedAndKeepTheirCase()
    {
        var indicators = Indicators.Collect(Parse("""{"reseller_name":"  Reseller LTD\t","x":{"reseller_name":"   "}}"""), IndicatorRules.Dropbox);

        Assert.Equal(["Reseller LTD"], indicators);
    }

    [Fact]
    public void Collect_EscapedStrings_AreReadUnescaped()
    {
        var indicators = Indicators.Collect(
            Parse("""{"note":"Jane \u003cjane\u0040x.example\u003e","ip":"203.0.113.\u0035","reseller_name":"Zo\u00e9"}"""),
            IndicatorRules.Dropbox);

        Assert.Equal(["jane@x.example", "203.0.113.5", "Zoé"], indicators);
    }

    [Fact]
    public void Collect_ManyAddresses_StopsAtMaxCount()
    {
        var json = "[" + string.Join(",", Enumerable.Range(0, 100).Select(i => $"\"user{i}@x.example\"")) + "]";

        var indicators = Indicators.Collect(Parse(json), IndicatorRules.None);

        Assert.Equal(Indicators.MaxCount, indicators.Count);
        Assert.Equal("user63@x.example", indicators[^1]);
    }

    [Fact]
    public void Collect_StringLongerThanTheScanLimit_IsNotScanned()
    {
        var shortText = new string('x', Indicators.MaxStringBytes - 20) + " a@x.example";
        var longText = new string('x', Indicators.MaxStringBytes) + " b@x.example";

        var indicators = Indicators.Collect(Parse(JsonSerializer.Serialize(new[] { shortText, longText })), IndicatorRules.None);

        Assert.Equal(["a@x.example"], indicators);
    }

    [Fact]
    public void Collect_NestingDeeperThanTheLimit_IsNotVisited()
    {
        var shallow = string.Concat(Enumerable.Repeat("{\"a\":", Indicators.MaxDepth)) + "\"a@x.example\"" + new string('}', Indicators.MaxDepth);
        var deep = string.Concat(Enumerable.Repeat("{\"a\":", Indicators.MaxDepth + 1)) + "\"b@x.example\"" + new string('}', Indicators.MaxDepth + 1);

        Assert.Equal(["a@x.example"], Indicators.Collect(Parse(shallow), IndicatorRules.None));
        Assert.Empty(Indicators.Collect(Parse(deep), IndicatorRules.None));
    }

    [Fact]
    public void Collect_HostileStringsEverywhere_FindsOnlyWellFormedIndicators()
    {
        var values = Some.HostileStrings.Append("\u0000@\u0001.example").Append(new string('@', 3000)).Append("a@" + new string('b', 300) + ".example").ToArray();
        var json = JsonSerializer.Serialize(new
        {
            display_name = values,
            reseller_name = values,
            nested = values.Select(v => new { email = v, display_name = v, ip_address = v }),
        });

        var indicators = Indicators.Collect(Parse(json), IndicatorRules.Dropbox);

        Assert.All(indicators, i => Assert.DoesNotContain(i, c => c < 0x20));
        Assert.All(indicators, i => Assert.InRange(i.Length, 1, Indicators.MaxUserNameBytes));
        Assert.Contains("non-ASCII: é ü ß 日本語 🔐", indicators);
        Assert.Contains("line1 line2", indicators);
        Assert.DoesNotContain("6.6.6.6", indicators);
        Assert.All(
            indicators.Where(i => i.Contains('@', StringComparison.Ordinal) && !i.Contains(' ', StringComparison.Ordinal)),
            email => Assert.Matches("^[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}$", email));
    }

    [Fact]
    public void Collect_FromUtf8_MatchesTheElementOverload()
    {
        var json = """{"actor":{".tag":"user","user":{"email":"a@x.example","display_name":"A"}},"origin":{"geo_location":{"ip_address":"2001:db8::7"}}}"""u8.ToArray();

        var fromBytes = Indicators.Collect(json, IndicatorRules.Dropbox);

        Assert.Equal(["a@x.example", "A", "2001:db8::7"], fromBytes);
        Assert.ThrowsAny<JsonException>(() => Indicators.Collect("{\"a\":"u8.ToArray(), IndicatorRules.None));
    }

    [Fact]
    public void Collect_OnManyThreadsAtOnce_GivesEachCallItsOwnResult()
    {
        var documents = Enumerable.Range(0, 50).Select(i => Parse($$"""{"a":"user{{i}}@x.example","b":"10.0.0.{{i}}"}""")).ToArray();

        var results = new IReadOnlyList<string>[documents.Length * 20];
        Parallel.For(0, results.Length, i => results[i] = Indicators.Collect(documents[i % documents.Length], IndicatorRules.None));

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal([$"user{i % documents.Length}@x.example", $"10.0.0.{i % documents.Length}"], results[i]);
        }
    }

    /// <summary>An e-mail address of <paramref name="length"/> characters (254 is the longest there is): a 64-character local part.</summary>
    private static string Address(int length) =>
        new string('a', 64) + "@" + new string('b', 60) + "." + new string('c', 60) + "." + new string('d', length - 195) + ".example";

    private static IReadOnlyList<string> Collect(object value, IndicatorRules rules) =>
        Indicators.Collect(Parse(JsonSerializer.Serialize(value)), rules);

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 128 });
        return document.RootElement.Clone();
    }
}
