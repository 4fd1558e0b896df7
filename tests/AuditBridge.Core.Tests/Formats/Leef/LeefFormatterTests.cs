using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using AuditBridge.Events;
using AuditBridge.Formats;
using AuditBridge.Formats.Leef;
using AuditBridge.Sources;
using AuditBridge.TestKit;

namespace AuditBridge.Core.Tests.Formats.Leef;

public sealed class LeefFormatterTests
{
    private const string Marker = "…[truncated]";

    [Theory]
    [InlineData("dropbox", "Dropbox", "Dropbox Activity Log", "1")]
    [InlineData("Dropbox", "Dropbox", "Dropbox Activity Log", "1")]
    [InlineData("box", "Box", "Box Enterprise Events", "2.0")]
    [InlineData("dashlane", "Dashlane", "Dashlane Audit Logs", "1")]
    [InlineData("auditbridge", "auditbridge", "auditbridge Audit Log", "1")]
    [InlineData(@"okta|x\y", @"okta｜x＼y", @"okta｜x＼y Audit Log", "1")]
    public void Format_Vendor_WritesItsHeader(string vendor, string expectedVendor, string expectedProduct, string expectedVersion)
    {
        var record = Read(GoldenCases.Event(vendor: vendor));

        Assert.Equal((expectedVendor, expectedProduct, expectedVersion), (record.Vendor, record.Product, record.Version));
    }

    [Fact]
    public void Format_Event_WritesTheActionAsEventIdAndTheCaretDelimiterInTheHeader()
    {
        var record = Format(GoldenCases.Event(action: "file_add"));

        Assert.StartsWith("LEEF:2.0|Dropbox|Dropbox Activity Log|1|file_add|^|devTime=", record, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_WithTabDelimiter_WritesX09AndSeparatesAttributesWithTab()
    {
        var record = Format(GoldenCases.Hostile("tab\tinside ^ caret"), new LeefFormatterOptions { Delimiter = "x09" });

        Assert.StartsWith("LEEF:2.0|Dropbox|Dropbox Activity Log|1|file_download|x09|devTime=1714732867123\tsev=3\tcat=tab inside ^ caret\t", record, StringComparison.Ordinal);
        var leef = LeefTestReader.Read(record);
        Assert.Equal('\t', leef.Delimiter);
        Assert.Equal("tab inside ^ caret", leef.Values["msg"]);
        Assert.Equal(leef.Attributes.Count - 1, record.Count(c => c == '\t'));
    }

    [Fact]
    public void Format_WithOtherDelimiter_ReplacesItInValuesByItsFullwidthForm()
    {
        var leef = LeefTestReader.Read(
            Format(GoldenCases.Event(description: "a~b", sections: [Some.Section("details", "D", """{"v":"a~b"}""")]), new LeefFormatterOptions { Delimiter = "~" }));

        Assert.Equal('~', leef.Delimiter);
        Assert.Equal("a～b", leef.Values["msg"]);
        Assert.Equal("""{"v":"a\u007eb"}""", leef.Values["details"]);
    }

    [Fact]
    public void Create_WithUnknownDelimiter_ThrowsNamingTheAllowedOnes()
    {
        var exception = Assert.Throws<ArgumentException>(() => EventFormatters.Leef(new LeefFormatterOptions { Delimiter = "|" }));

        Assert.Contains("x09", exception.Message, StringComparison.Ordinal);
        Assert.Equal("options", exception.ParamName);
    }

    [Fact]
    public void Format_Event_WritesTheTimeAsEpochMillisecondsWithoutDevTimeFormat()
    {
        var leef = Read(GoldenCases.Event());

        Assert.Equal(
            new DateTimeOffset(2024, 5, 3, 10, 41, 7, 123, TimeSpan.Zero).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            leef.Values["devTime"]);
        Assert.Equal(13, leef.Values["devTime"].Length);
        Assert.False(leef.Values.ContainsKey("devTimeFormat"));
    }

    [Theory]
    [InlineData(-3, "1")]
    [InlineData(0, "1")]
    [InlineData(1, "1")]
    [InlineData(7, "7")]
    [InlineData(10, "10")]
    [InlineData(11, "10")]
    [InlineData(int.MaxValue, "10")]
    public void Format_Severity_MapsZeroToOneAndClampsToTen(int severity, string expected)
    {
        var leef = Read(GoldenCases.Event(severity: severity));

        Assert.Equal(expected, leef.Values["sev"]);
    }

    [Fact]
    public void Format_EveryField_WritesTheKeysInDocumentedOrder()
    {
        var auditEvent = GoldenCases.Event(
            actor: new Principal(PrincipalKind.Admin, "dbmid:a", "a@x.example", "Admin"),
            target: new Principal(PrincipalKind.Admin, "dbmid:t", "t@x.example", "T"),
            outcome: EventOutcome.Success,
            ip: "2001:db8::1",
            sections: [.. GoldenCases.DefaultSections(), Some.Section("participants", "P", "[1]"), Some.Section("context", "C", "{\"c\":1}")]);

        var leef = Read(auditEvent);

        Assert.Equal(
            ["devTime", "sev", "cat", "externalId", "outcome", "usrName", "actorId", "role", "targetUser", "targetId", "targetRole",
             "src", "msg", "objectKind", "objectName", "objectPath", "objectId", "details", "actor", "origin", "assets", "participants", "context"],
            leef.Keys);
    }

    public static TheoryData<PrincipalKind, string?, string?, string?, string?, string?, bool> PrincipalRows => new()
    {
        { PrincipalKind.User, "dbmid:1", "u@x.example", "User Name", "u@x.example", "dbmid:1", false },
        { PrincipalKind.User, "dbmid:1", null, "User Name", "User Name", "dbmid:1", false },
        { PrincipalKind.User, "dbmid:1", "", "User Name", "User Name", "dbmid:1", false },
        { PrincipalKind.Admin, "dbmid:2", "a@x.example", "Admin", "a@x.example", "dbmid:2", true },
        { PrincipalKind.App, "dbaid:3", null, "Backup App", "Backup App", "dbaid:3", false },
        { PrincipalKind.Reseller, "rsl:4", "r@reseller.example", "Reseller", "r@reseller.example", "rsl:4", false },
        { PrincipalKind.System, null, null, "Dropbox", "Dropbox", null, false },
        { PrincipalKind.Anonymous, null, null, null, null, null, false },
        { PrincipalKind.Group, "g:5", null, "Finance", "Finance", "g:5", false },
        { PrincipalKind.Team, "dbtid:6", null, "Northwind", "Northwind", "dbtid:6", false },
    };

    [Theory]
    [MemberData(nameof(PrincipalRows))]
    public void Format_ActorKind_FillsUsrNameActorIdAndRole(PrincipalKind kind, string? id, string? email, string? name, string? expectedUser, string? expectedId, bool expectedAdmin)
    {
        var leef = Read(GoldenCases.Event(actor: new Principal(kind, id, email, name)));

        Assert.Equal(expectedUser, leef.Values.GetValueOrDefault("usrName"));
        Assert.Equal(expectedId, leef.Values.GetValueOrDefault("actorId"));
        Assert.Equal(expectedAdmin ? "admin" : null, leef.Values.GetValueOrDefault("role"));
    }

    [Theory]
    [MemberData(nameof(PrincipalRows))]
    public void Format_TargetKind_FillsTargetUserTargetIdAndTargetRole(PrincipalKind kind, string? id, string? email, string? name, string? expectedUser, string? expectedId, bool expectedAdmin)
    {
        var leef = Read(GoldenCases.Event(target: new Principal(kind, id, email, name)));

        Assert.Equal(expectedUser, leef.Values.GetValueOrDefault("targetUser"));
        Assert.Equal(expectedId, leef.Values.GetValueOrDefault("targetId"));
        Assert.Equal(expectedAdmin ? "admin" : null, leef.Values.GetValueOrDefault("targetRole"));
    }

    [Fact]
    public void Format_WithoutActorTargetAndObjects_WritesNoUserOrObjectKeys()
    {
        var leef = Read(GoldenCases.Event(actor: null, target: null, objects: []));

        Assert.DoesNotContain(leef.Keys, key => key is "usrName" or "actorId" or "role" or "targetUser" or "targetId" or "targetRole");
        Assert.DoesNotContain(leef.Keys, key => key.StartsWith("object", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("198.51.100.23", "198.51.100.23")]
    [InlineData("2001:db8:85a3::8a2e:370:7334", "2001:db8:85a3::8a2e:370:7334")]
    [InlineData("2001:DB8:0:0:0:0:0:1", "2001:db8::1")]
    [InlineData("::ffff:198.51.100.7", "198.51.100.7")]
    [InlineData("fe80::1%2", "fe80::1")]
    public void Format_Address_GoesToSrcInCanonicalForm(string ip, string expected)
    {
        var leef = Read(GoldenCases.Event(ip: ip));

        Assert.Equal(expected, leef.Values["src"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Unknown IP")]
    [InlineData("010.0.0.1")]
    [InlineData("10.1")]
    [InlineData("[::1]:80")]
    [InlineData("198.51.100.23:443")]
    [InlineData("host.example")]
    public void Format_TextThatIsNotAnAddress_WritesNoSrc(string? ip)
    {
        var leef = Read(GoldenCases.Event(ip: ip));

        Assert.False(leef.Values.ContainsKey("src"));
    }

    [Theory]
    [InlineData(EventOutcome.Success, "success")]
    [InlineData(EventOutcome.Failure, "failure")]
    [InlineData(EventOutcome.Unknown, null)]
    public void Format_Outcome_WritesSuccessFailureOrNothing(EventOutcome outcome, string? expected)
    {
        var leef = Read(GoldenCases.Event(outcome: outcome));

        Assert.Equal(expected, leef.Values.GetValueOrDefault("outcome"));
    }

    [Fact]
    public void Format_LongId_GoesWholeToExternalId()
    {
        var id = "dbx:" + new string('a', 64);

        var leef = Read(GoldenCases.Event(id: id));

        Assert.Equal(id, leef.Values["externalId"]);
    }

    [Fact]
    public void Format_FirstObject_FillsObjectKindNamePathAndId()
    {
        var leef = Read(GoldenCases.Event(objects: [new EventObject("folder", "Q2", "/Finance/Q2", "id:q2"), new EventObject("file", "other")]));

        Assert.Equal(("folder", "Q2", "/Finance/Q2", "id:q2"), (leef.Values["objectKind"], leef.Values["objectName"], leef.Values["objectPath"], leef.Values["objectId"]));
    }

    [Fact]
    public void Format_Sections_GoToKeysNamedAfterThemAsTheirJson()
    {
        var leef = Read(GoldenCases.Event(sections:
        [
            Some.Section("details", "Details", """{"a":1}"""),
            Some.Section("actor", "Actor", "{}"),
            Some.Section("origin", "Origin", """ {"c":3} """),
        ]));

        Assert.Equal("""{"a":1}""", leef.Values["details"]);
        Assert.False(leef.Values.ContainsKey("actor"));
        Assert.Equal("""{"c":3}""", leef.Values["origin"]);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData(" {} ")]
    [InlineData("")]
    [InlineData("  ")]
    public void Format_EmptySection_IsSkipped(string json)
    {
        var leef = Read(GoldenCases.Event(sections: [Some.Section("details", "Details", json)]));

        Assert.False(leef.Values.ContainsKey("details"));
    }

    [Theory]
    [InlineData("src")]
    [InlineData("usrName")]
    [InlineData("USRNAME")]
    [InlineData("devTimeFormat")]
    [InlineData("identSrc")]
    [InlineData("msg")]
    [InlineData("truncated")]
    [InlineData("bad key")]
    [InlineData("bad=key")]
    [InlineData("_leading")]
    [InlineData("1digit")]
    [InlineData("")]
    [InlineData("café")]
    public void Format_SectionWhoseNameCannotBeAKey_IsSkipped(string name)
    {
        var record = Format(GoldenCases.Event(sections: [Some.Section(name, "Label", """{"skipped":true}""")]));

        Assert.DoesNotContain("skipped", record, StringComparison.Ordinal);
        LeefTestReader.Read(record);
    }

    [Fact]
    public void Format_TwoSectionsWithOneName_KeepsTheFirst()
    {
        var leef = Read(GoldenCases.Event(sections: [Some.Section("details", "D", "[1]"), Some.Section("Details", "D", "[2]")]));

        Assert.Equal("[1]", leef.Values["details"]);
        Assert.False(leef.Values.ContainsKey("Details"));
    }

    [Fact]
    public void Format_TwentySections_WritesAllOfThem()
    {
        var sections = Enumerable.Range(1, 20).Select(i => Some.Section("s" + i, "S" + i, "[" + i + "]")).ToArray();

        var leef = LeefTestReader.Read(Format(GoldenCases.Event(sections: sections)), sections.Select(s => s.Name));

        Assert.Equal(Enumerable.Range(1, 20).Select(i => "[" + i + "]"), sections.Select(s => leef.Values[s.Name]));
    }

    [Fact]
    public void Format_SectionJsonWithTheDelimiterAndControls_StaysValidAndEqualJson()
    {
        var json = "{\"a^b\":\"x^y\\n\",\r\n\t\"c\":[\"^\"]}";

        var leef = Read(GoldenCases.Event(sections: [Some.Section("details", "D", json)]));

        Assert.Equal("""{"a\u005eb":"x\u005ey\n",   "c":["\u005e"]}""", leef.Values["details"]);
        using var expected = JsonDocument.Parse(json);
        using var actual = JsonDocument.Parse(leef.Values["details"]);
        Assert.True(JsonElement.DeepEquals(expected.RootElement, actual.RootElement));
    }

    [Fact]
    public void Format_SectionOver4000Characters_StaysValidJsonWithin4000AndIsListed()
    {
        var json = "{\"small\":\"kept\",\"big\":\"" + string.Concat(Enumerable.Repeat("é😀", 1500)) + "\"}";

        var leef = Read(GoldenCases.Event(sections: [Some.Section("details", "D", json)]));

        var value = leef.Values["details"];
        Assert.InRange(value.Length, 3900, 4000);
        using var document = JsonDocument.Parse(value);
        Assert.Equal("kept", document.RootElement.GetProperty("small").GetString());
        Assert.EndsWith(Marker, document.RootElement.GetProperty("big").GetString(), StringComparison.Ordinal);
        Assert.Equal("details", leef.Values["truncated"]);
    }

    public static TheoryData<string, int> LimitRows => new()
    {
        { "cat", 1023 },
        { "externalId", 1023 },
        { "usrName", 255 },
        { "actorId", 1023 },
        { "targetUser", 255 },
        { "targetId", 1023 },
        { "msg", 1023 },
        { "objectKind", 1023 },
        { "objectName", 1023 },
        { "objectPath", 1023 },
        { "objectId", 1023 },
    };

    [Theory]
    [MemberData(nameof(LimitRows))]
    public void Format_ValueOverItsLimit_IsCutWithTheMarkerAndListed(string key, int limit)
    {
        var exact = new string('v', limit);
        var over = new string('v', limit - 2) + "😀" + "tail";

        var kept = Read(EventWith(key, exact));
        var cut = Read(EventWith(key, over));

        Assert.Equal(exact, kept.Values[key]);
        Assert.False(kept.Values.ContainsKey("truncated"));
        Assert.Equal(new string('v', limit - Marker.Length) + Marker, cut.Values[key]);
        Assert.Contains(key, cut.Values["truncated"].Split(','));
    }

    [Theory]
    [InlineData(255, false)]
    [InlineData(256, true)]
    public void Format_ActionOver255Characters_IsCutInTheEventIdAndListed(int length, bool expectedCut)
    {
        var leef = Read(GoldenCases.Event(action: new string('a', length)));

        Assert.Equal(Math.Min(length, 255), leef.EventId.Length);
        Assert.Equal(expectedCut, leef.EventId.EndsWith(Marker, StringComparison.Ordinal));
        Assert.Equal(expectedCut ? "eventId" : null, leef.Values.GetValueOrDefault("truncated"));
    }

    [Fact]
    public void Format_VendorOver63Characters_IsCutInTheHeaderAndListed()
    {
        var leef = Read(GoldenCases.Event(vendor: new string('v', 70)));

        Assert.Equal(new string('v', 63 - Marker.Length) + Marker, leef.Vendor);
        Assert.Equal(new string('v', 63 - Marker.Length) + Marker, leef.Product);
        Assert.Equal("vendor,product", leef.Values["truncated"]);
    }

    [Fact]
    public void Format_CutAtAMultiByteBoundary_KeepsCharactersWhole()
    {
        // 1006 + 10 pairs = 1026 units; the cut at 1011 would fall between the halves of the third pair.
        var name = new string('a', 1006) + string.Concat(Enumerable.Repeat("😀", 10));

        var leef = Read(GoldenCases.Event(objects: [new EventObject("file", name)]));

        Assert.Equal(new string('a', 1006) + "😀😀" + Marker, leef.Values["objectName"]);
    }

    [Fact]
    public void Format_ValueWithSpaces_KeepsThemAndAWhitespaceValueIsKept()
    {
        var leef = Read(GoldenCases.Event(category: " cat  ", objects: [new EventObject("file", "   ", "", null)]));

        Assert.Equal(" cat  ", leef.Values["cat"]);
        Assert.Equal("   ", leef.Values["objectName"]);
        Assert.False(leef.Values.ContainsKey("objectPath"));
    }

    [Fact]
    public void Format_WithBudget_ShortensTheLargestSectionFirstAndKeepsItValidJson()
    {
        var auditEvent = GoldenCases.Event(sections:
        [
            Some.Section("details", "Details", "{\"note\":\"" + new string('n', 300) + "\"}"),
            Some.Section("actor", "Actor", "{\"bio\":\"" + new string('b', 600) + "^\"}"),
        ]);
        var full = Encoding.UTF8.GetByteCount(Format(auditEvent));
        var output = new ArrayBufferWriter<byte>();

        var result = EventFormatters.Leef(new LeefFormatterOptions { Products = VendorProducts.All }).Format(auditEvent, output, full - 200);

        Assert.InRange(result.BytesWritten, full - 260, full - 200);
        Assert.Equal(1, result.ShortenedValues);
        var leef = LeefTestReader.Read(Encoding.UTF8.GetString(output.WrittenSpan));
        Assert.Equal("{\"note\":\"" + new string('n', 300) + "\"}", leef.Values["details"]);
        using var actor = JsonDocument.Parse(leef.Values["actor"]);
        Assert.EndsWith(Marker, actor.RootElement.GetProperty("bio").GetString(), StringComparison.Ordinal);
        Assert.Equal("actor", leef.Values["truncated"]);
    }

    [Fact]
    public void Format_WithBudgetBelowWhatSectionsCanGive_ShortensTextValuesToo()
    {
        var auditEvent = GoldenCases.Event(
            description: new string('d', 400),
            objects: [new EventObject("file", new string('f', 300) + "^", "/p", "id:1")],
            sections: [Some.Section("details", "Details", """{"a":"short"}""")]);
        var full = Encoding.UTF8.GetByteCount(Format(auditEvent));
        var output = new ArrayBufferWriter<byte>();

        var result = EventFormatters.Leef(new LeefFormatterOptions { Products = VendorProducts.All }).Format(auditEvent, output, full - 500);

        Assert.InRange(result.BytesWritten, 1, full - 500);
        Assert.Equal(2, result.ShortenedValues);
        var leef = LeefTestReader.Read(Encoding.UTF8.GetString(output.WrittenSpan));
        Assert.EndsWith(Marker, leef.Values["msg"], StringComparison.Ordinal);
        Assert.EndsWith(Marker, leef.Values["objectName"], StringComparison.Ordinal);
        Assert.Equal("""{"a":"short"}""", leef.Values["details"]);
        Assert.Equal("msg,objectName", leef.Values["truncated"]);
    }

    [Fact]
    public void Format_WithImpossibleBudget_ThrowsRecordTooLargeAndWritesNothing()
    {
        var output = new ArrayBufferWriter<byte>();

        var exception = Assert.Throws<RecordTooLargeException>(() => EventFormatters.Leef(new LeefFormatterOptions { Products = VendorProducts.All }).Format(GoldenCases.Event(), output, 200));

        Assert.Contains("dbx:5f1c2a9e0b7d4c3a", exception.Message, StringComparison.Ordinal);
        Assert.Equal(0, output.WrittenCount);
    }

    [Theory]
    [InlineData("truncation", 1000)]
    [InlineData("hostile-long-5000", 3000)]
    [InlineData("hostile-non-ascii", 1000)]
    [InlineData("seven-sections", 1000)]
    public void Format_WithEveryBudgetFromFullSizeDown_NeverExceedsTheBudget(string caseName, int expectedSmallest)
    {
        var auditEvent = GoldenCases.Get(caseName);
        var formatter = EventFormatters.Leef(new LeefFormatterOptions { Products = VendorProducts.All });
        var full = Encoding.UTF8.GetByteCount(Format(auditEvent));
        var smallest = full;

        for (var budget = full; budget > 0; budget -= 37)
        {
            var output = new ArrayBufferWriter<byte>();
            try
            {
                var result = formatter.Format(auditEvent, output, budget);

                Assert.InRange(result.BytesWritten, 1, budget);
                Assert.Equal(output.WrittenCount, result.BytesWritten);
                var leef = LeefFormatterContractTests.AssertOneLeefRecord(output.WrittenSpan.ToArray());
                foreach (var section in auditEvent.Sections.Where(s => leef.Values.ContainsKey(s.Name)))
                {
                    using var json = JsonDocument.Parse(leef.Values[section.Name]);
                }

                smallest = result.BytesWritten;
            }
            catch (RecordTooLargeException)
            {
                Assert.Equal(0, output.WrittenCount);
                break;
            }
        }

        // Ids are never shortened: the 5000-character case keeps two 1023-character ids (targetId, objectId).
        Assert.InRange(smallest, 1, expectedSmallest);
    }

    [Fact]
    public void Format_EveryHostileEventWithEveryDelimiter_HasNoRawControlCharacterButTheDelimiter()
    {
        foreach (var delimiter in LeefDelimiter.Allowed)
        {
            var formatter = EventFormatters.Leef(new LeefFormatterOptions { Delimiter = delimiter.ToString(), Products = VendorProducts.All });
            foreach (var value in Some.HostileStrings.Append(delimiter + "=" + delimiter + "|x" + delimiter))
            {
                var output = new ArrayBufferWriter<byte>();
                formatter.Format(GoldenCases.Hostile(value), output);

                var record = Encoding.UTF8.GetString(output.WrittenSpan);
                Assert.DoesNotContain(record, c => c < 0x20 && c != delimiter);
                var leef = LeefTestReader.Read(record);
                Assert.Equal(delimiter, leef.Delimiter);
            }
        }
    }

    private static AuditEvent EventWith(string key, string value) => key switch
    {
        "cat" => GoldenCases.Event(category: value),
        "externalId" => GoldenCases.Event(id: value),
        "usrName" => GoldenCases.Event(actor: new Principal(PrincipalKind.User, "id", value, "n")),
        "actorId" => GoldenCases.Event(actor: new Principal(PrincipalKind.User, value, "e@x.example", "n")),
        "targetUser" => GoldenCases.Event(target: new Principal(PrincipalKind.User, "id", value, "n")),
        "targetId" => GoldenCases.Event(target: new Principal(PrincipalKind.User, value, "e@x.example", "n")),
        "msg" => GoldenCases.Event(description: value),
        "objectKind" => GoldenCases.Event(objects: [new EventObject(value, "n", "/p", "id:1")]),
        "objectName" => GoldenCases.Event(objects: [new EventObject("file", value, "/p", "id:1")]),
        "objectPath" => GoldenCases.Event(objects: [new EventObject("file", "n", value, "id:1")]),
        "objectId" => GoldenCases.Event(objects: [new EventObject("file", "n", "/p", value)]),
        _ => throw new ArgumentOutOfRangeException(nameof(key)),
    };

    private static string Format(AuditEvent auditEvent, LeefFormatterOptions? options = null)
    {
        var output = new ArrayBufferWriter<byte>();
        EventFormatters.Leef((options ?? new LeefFormatterOptions()) with { Products = VendorProducts.All }).Format(auditEvent, output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static LeefRecord Read(AuditEvent auditEvent) => LeefTestReader.Read(Format(auditEvent), LeefFormatterContractTests.GoldenSectionKeys);
}
