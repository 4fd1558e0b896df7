using System.Buffers;
using System.Text;
using System.Text.Json;
using AuditBridge.Events;
using AuditBridge.Formats;
using AuditBridge.Formats.Cef;
using AuditBridge.Sources;
using AuditBridge.TestKit;

namespace AuditBridge.Core.Tests.Formats.Cef;

public sealed class CefFormatterTests
{
    private const string Marker = "…[truncated]";

    [Theory]
    [InlineData("dropbox", "Dropbox", "Dropbox Activity Log", "1")]
    [InlineData("Dropbox", "Dropbox", "Dropbox Activity Log", "1")]
    [InlineData("box", "Box", "Box Enterprise Events", "2.0")]
    [InlineData("dashlane", "Dashlane", "Dashlane Audit Logs", "1")]
    [InlineData("auditbridge", "auditbridge", "auditbridge Audit Log", "1")]
    [InlineData("okta|x", "okta|x", "okta|x Audit Log", "1")]
    public void Format_Vendor_WritesItsHeader(string vendor, string expectedVendor, string expectedProduct, string expectedVersion)
    {
        var (header, _) = Read(GoldenCases.Event(vendor: vendor));

        Assert.Equal([expectedVendor, expectedProduct, expectedVersion], header[..3]);
    }

    [Fact]
    public void Format_Event_WritesActionDescriptionAndSeverityInTheHeader()
    {
        var record = Format(GoldenCases.Event(action: "file_add", description: "Added files and/or folders", severity: 3));

        Assert.StartsWith("CEF:0|Dropbox|Dropbox Activity Log|1|file_add|Added files and/or folders|3|rt=", record, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Format_WithoutDescription_UsesTheActionAsName(string? description)
    {
        var (header, _) = Read(GoldenCases.Event(action: "login_fail", description: description));

        Assert.Equal("login_fail", header[4]);
    }

    [Theory]
    [InlineData(-3, "0")]
    [InlineData(0, "0")]
    [InlineData(7, "7")]
    [InlineData(10, "10")]
    [InlineData(11, "10")]
    [InlineData(int.MaxValue, "10")]
    public void Format_Severity_IsClampedToZeroToTen(int severity, string expected)
    {
        var (header, _) = Read(GoldenCases.Event(severity: severity));

        Assert.Equal(expected, header[5]);
    }

    [Fact]
    public void Format_Event_WritesTheTimeAsEpochMillisecondsInRt()
    {
        var extension = ReadExtension(GoldenCases.Event());

        Assert.Equal("1714732867123", extension["rt"]);
        Assert.Equal(new DateTimeOffset(2024, 5, 3, 10, 41, 7, 123, TimeSpan.Zero).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), extension["rt"]);
    }

    [Fact]
    public void Format_Event_WritesTheDefaultKeysInDocumentedOrder()
    {
        var auditEvent = GoldenCases.Event(
            actor: new Principal(PrincipalKind.Admin, "dbmid:a", "a@x.example", "Admin"),
            target: new Principal(PrincipalKind.Admin, "dbmid:t", "t@x.example", "T"),
            outcome: EventOutcome.Success,
            ip: "2001:db8::1",
            id: "dbx:" + new string('0', 64));

        var (_, extension) = Read(auditEvent);

        Assert.Equal(
            ["rt", "externalId", "cat", "act", "outcome", "suser", "suid", "spriv", "duser", "duid", "dpriv", "c6a2", "c6a2Label",
             "fname", "filePath", "fileId", "cs1", "cs1Label", "cs2", "cs2Label", "cs3", "cs3Label", "cs4", "cs4Label",
             "flexString1", "flexString1Label"],
            extension.Select(p => p.Key));
    }

    public static TheoryData<PrincipalKind, string?, string?, string?, string?, string?, bool> ActorRows => new()
    {
        { PrincipalKind.User, "dbmid:1", "u@x.example", "User Name", "u@x.example", "dbmid:1", false },
        { PrincipalKind.User, "dbmid:1", null, "User Name", "User Name", "dbmid:1", false },
        { PrincipalKind.User, "dbmid:1", "   ", "User Name", "User Name", "dbmid:1", false },
        { PrincipalKind.Admin, "dbmid:2", "a@x.example", "Admin", "a@x.example", "dbmid:2", true },
        { PrincipalKind.App, "dbaid:3", null, "Backup App", "Backup App", "dbaid:3", false },
        { PrincipalKind.Reseller, "rsl:4", "r@reseller.example", "Reseller", "r@reseller.example", "rsl:4", false },
        { PrincipalKind.System, null, null, "Dropbox", "Dropbox", null, false },
        { PrincipalKind.Anonymous, null, null, null, null, null, false },
        { PrincipalKind.Group, "g:5", null, "Finance", "Finance", "g:5", false },
        { PrincipalKind.Team, "dbtid:6", null, "Northwind", "Northwind", "dbtid:6", false },
    };

    [Theory]
    [MemberData(nameof(ActorRows))]
    public void Format_ActorKind_FillsSuserSuidAndSpriv(PrincipalKind kind, string? id, string? email, string? name, string? expectedUser, string? expectedId, bool expectedAdmin)
    {
        var extension = ReadExtension(GoldenCases.Event(actor: new Principal(kind, id, email, name)));

        Assert.Equal(expectedUser, extension.GetValueOrDefault("suser"));
        Assert.Equal(expectedId, extension.GetValueOrDefault("suid"));
        Assert.Equal(expectedAdmin ? "admin" : null, extension.GetValueOrDefault("spriv"));
    }

    [Theory]
    [MemberData(nameof(ActorRows))]
    public void Format_TargetKind_FillsDuserDuidAndDpriv(PrincipalKind kind, string? id, string? email, string? name, string? expectedUser, string? expectedId, bool expectedAdmin)
    {
        var extension = ReadExtension(GoldenCases.Event(target: new Principal(kind, id, email, name)));

        Assert.Equal(expectedUser, extension.GetValueOrDefault("duser"));
        Assert.Equal(expectedId, extension.GetValueOrDefault("duid"));
        Assert.Equal(expectedAdmin ? "admin" : null, extension.GetValueOrDefault("dpriv"));
    }

    [Fact]
    public void Format_WithoutActorAndTarget_WritesNoUserKeys()
    {
        var extension = ReadExtension(GoldenCases.Event(actor: null, target: null));

        Assert.DoesNotContain(extension.Keys, key => key is "suser" or "suid" or "spriv" or "duser" or "duid" or "dpriv");
    }

    [Theory]
    [InlineData("198.51.100.23", "src", "198.51.100.23")]
    [InlineData("0.0.0.0", "src", "0.0.0.0")]
    [InlineData("255.255.255.255", "src", "255.255.255.255")]
    [InlineData("2001:db8::1", "c6a2", "2001:db8::1")]
    [InlineData("2001:DB8:0:0:0:0:0:1", "c6a2", "2001:db8::1")]
    [InlineData("::1", "c6a2", "::1")]
    [InlineData("::ffff:198.51.100.7", "src", "198.51.100.7")]
    public void Format_Address_GoesToSrcOrC6a2(string ip, string expectedKey, string expectedValue)
    {
        var extension = ReadExtension(GoldenCases.Event(ip: ip));

        Assert.Equal(expectedValue, extension[expectedKey]);
        Assert.Equal(expectedKey == "c6a2" ? "Source IPv6 Address" : null, extension.GetValueOrDefault("c6a2Label"));
        Assert.False(extension.ContainsKey(expectedKey == "src" ? "c6a2" : "src"));
    }

    [Theory]
    [InlineData("010.1.1.1")]
    [InlineData("10.1")]
    [InlineData("256.1.1.1")]
    [InlineData("1.2.3.4.5")]
    [InlineData("1.2.3.4 ")]
    [InlineData("0x7f.0.0.1")]
    [InlineData("Unknown IP")]
    [InlineData("[::1]:80")]
    [InlineData("")]
    [InlineData(null)]
    public void Format_TextThatIsNotAnAddress_WritesNoAddressKey(string? ip)
    {
        var extension = ReadExtension(GoldenCases.Event(ip: ip));

        Assert.DoesNotContain(extension.Keys, key => key is "src" or "c6a2" or "c6a2Label");
    }

    [Theory]
    [InlineData(EventOutcome.Success, "success")]
    [InlineData(EventOutcome.Failure, "failure")]
    [InlineData(EventOutcome.Unknown, null)]
    public void Format_Outcome_WritesSuccessFailureOrNothing(EventOutcome outcome, string? expected)
    {
        var extension = ReadExtension(GoldenCases.Event(outcome: outcome));

        Assert.Equal(expected, extension.GetValueOrDefault("outcome"));
    }

    [Fact]
    public void Format_IdUpTo40Characters_GoesToExternalIdOnly()
    {
        var id = new string('i', 40);

        var extension = ReadExtension(GoldenCases.Event(id: id));

        Assert.Equal(id, extension["externalId"]);
        Assert.DoesNotContain(extension.Keys, key => key.StartsWith("flexString", StringComparison.Ordinal));
    }

    [Fact]
    public void Format_IdOver40Characters_KeepsItsStartInExternalIdAndAllOfItInFlexString1()
    {
        var id = "dbx:" + new string('a', 60) + "😀";

        var extension = ReadExtension(GoldenCases.Event(id: id));

        Assert.Equal(id[..40], extension["externalId"]);
        Assert.Equal(id, extension["flexString1"]);
        Assert.Equal("eventId", extension["flexString1Label"]);
        Assert.False(extension.ContainsKey("flexString2"), "Nothing is lost, so nothing is listed as truncated.");
    }

    [Fact]
    public void Format_IdWhoseCutEndsInASurrogatePair_KeepsThePairWhole()
    {
        var id = new string('a', 39) + "😀" + new string('b', 10);

        var extension = ReadExtension(GoldenCases.Event(id: id));

        Assert.Equal(new string('a', 39), extension["externalId"]);
    }

    [Fact]
    public void Format_FirstObject_FillsFnameFilePathAndFileId()
    {
        var extension = ReadExtension(GoldenCases.Event(objects:
        [
            new EventObject("file", "a.txt", "/x/a.txt", "id:a"),
            new EventObject("file", "b.txt", "/x/b.txt", "id:b"),
        ]));

        Assert.Equal(("a.txt", "/x/a.txt", "id:a"), (extension["fname"], extension["filePath"], extension["fileId"]));
    }

    [Fact]
    public void Format_WithoutObjects_WritesNoFileKeys()
    {
        var extension = ReadExtension(GoldenCases.Event(objects: []));

        Assert.DoesNotContain(extension.Keys, key => key is "fname" or "filePath" or "fileId");
    }

    [Fact]
    public void Format_Sections_GoToCustomStringsByPositionWithTheirLabels()
    {
        var extension = ReadExtension(GoldenCases.Event(sections:
        [
            Some.Section("details", "Details", """{"a":1}"""),
            Some.Section("actor", "Actor", "{}"),
            Some.Section("origin", "Origin", """{"c":3}"""),
        ]));

        Assert.Equal(("""{"a":1}""", "Details"), (extension["cs1"], extension["cs1Label"]));
        Assert.False(extension.ContainsKey("cs2"));
        Assert.False(extension.ContainsKey("cs2Label"));
        Assert.Equal(("""{"c":3}""", "Origin"), (extension["cs3"], extension["cs3Label"]));
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
        var extension = ReadExtension(GoldenCases.Event(sections: [Some.Section("details", "Details", json)]));

        Assert.DoesNotContain(extension.Keys, key => key.StartsWith("cs", StringComparison.Ordinal));
    }

    [Fact]
    public void Format_SevenSections_DropsTheSeventh()
    {
        var sections = Enumerable.Range(1, 7).Select(i => Some.Section("s" + i, "S" + i, "[" + i + "]")).ToArray();

        var extension = ReadExtension(GoldenCases.Event(sections: sections));

        Assert.Equal("[6]", extension["cs6"]);
        Assert.DoesNotContain("[7]", extension.Values);
    }

    [Fact]
    public void Format_SectionJsonWithEscapes_EscapesItsBackslashesForCef()
    {
        var record = Format(GoldenCases.Event(sections: [Some.Section("details", "D", """{"a":"x\ny\\z\"q=1"}""")]));

        Assert.Contains("""cs1={"a":"x\\ny\\\\z\\"q\=1"}""", record, StringComparison.Ordinal);
        Assert.Equal("""{"a":"x\ny\\z\"q=1"}""", ReadExtension(GoldenCases.Event(sections: [Some.Section("details", "D", """{"a":"x\ny\\z\"q=1"}""")]))["cs1"]);
    }

    [Fact]
    public void Format_SectionOver4000Characters_StaysValidJsonWithin4000AndIsListed()
    {
        var json = "{\"small\":\"kept\",\"big\":\"" + string.Concat(Enumerable.Repeat("é😀", 1500)) + "\"}";

        var extension = ReadExtension(GoldenCases.Event(sections: [Some.Section("details", "D", json)]));

        var value = extension["cs1"];
        Assert.InRange(value.Length, 3900, 4000);
        using var document = JsonDocument.Parse(value);
        Assert.Equal("kept", document.RootElement.GetProperty("small").GetString());
        Assert.EndsWith(Marker, document.RootElement.GetProperty("big").GetString(), StringComparison.Ordinal);
        Assert.Equal("cs1", extension["flexString2"]);
        Assert.Equal("truncated", extension["flexString2Label"]);
    }

    public static TheoryData<string, int> LimitRows => new()
    {
        { "fname", 1023 },
        { "filePath", 1023 },
        { "fileId", 1023 },
        { "cat", 1023 },
        { "act", 63 },
        { "suser", 1023 },
        { "suid", 1023 },
        { "duser", 1023 },
        { "duid", 1023 },
        { "cs1Label", 1023 },
    };

    [Theory]
    [MemberData(nameof(LimitRows))]
    public void Format_ValueOverItsDictionaryLimit_IsCutWithTheMarkerAndListed(string key, int limit)
    {
        var exact = new string('v', limit);
        var over = new string('v', limit - 2) + "😀" + "tail";

        var kept = ReadExtension(EventWith(key, exact));
        var cut = ReadExtension(EventWith(key, over));

        Assert.Equal(exact, kept[key]);
        Assert.False(kept.ContainsKey("flexString2"));
        Assert.Equal(limit, cut[key].Length);
        Assert.Equal(new string('v', limit - Marker.Length) + Marker, cut[key]);
        Assert.Contains(key, cut["flexString2"].Split(','));
    }

    [Theory]
    [InlineData(511, 512, false)]
    [InlineData(512, 512, false)]
    [InlineData(513, 512, true)]
    public void Format_DescriptionOver512Characters_IsCutInTheHeader(int length, int expectedLength, bool expectedCut)
    {
        var (header, extension) = Read(GoldenCases.Event(description: new string('d', length)));

        Assert.Equal(Math.Min(length, expectedLength), header[4].Length);
        Assert.Equal(expectedCut, header[4].EndsWith(Marker, StringComparison.Ordinal));
        Assert.Equal(expectedCut ? "name" : null, extension.FirstOrDefault(p => p.Key == "flexString2").Value);
    }

    [Fact]
    public void Format_CutAtAMultiByteBoundary_KeepsCharactersWhole()
    {
        // 1006 + 10 pairs = 1026 units; the cut at 1011 would fall between the halves of the third pair.
        var name = new string('a', 1006) + string.Concat(Enumerable.Repeat("😀", 10));

        var extension = ReadExtension(GoldenCases.Event(objects: [new EventObject("file", name)]));

        Assert.Equal(new string('a', 1006) + "😀😀" + Marker, extension["fname"]);
    }

    [Fact]
    public void Format_ValueWithTrailingSpaces_LosesThemAndABlankValueIsOmitted()
    {
        var extension = ReadExtension(GoldenCases.Event(category: "cat  \t", objects: [new EventObject("file", "   ", "/p ", null)]));

        Assert.Equal("cat", extension["cat"]);
        Assert.Equal("/p", extension["filePath"]);
        Assert.False(extension.ContainsKey("fname"));
        Assert.False(extension.ContainsKey("fileId"));
    }

    [Fact]
    public void Format_EveryHostileEvent_HasNoRawControlCharacter()
    {
        foreach (var value in Some.HostileStrings)
        {
            var record = Encoding.UTF8.GetBytes(Format(GoldenCases.Hostile(value)));

            Assert.DoesNotContain(record, b => b < 0x20);
        }
    }

    [Fact]
    public void Format_DropboxBlogProfile_WritesTheSeedTemplateKeysInOrderPlusExternalId()
    {
        var auditEvent = GoldenCases.Event(sections:
        [
            Some.Section("assets", "Assets", """[{"a":1}]"""),
            Some.Section("origin", "Origin", """{"o":1}"""),
            Some.Section("context", "Context", """{"ignored":1}"""),
            Some.Section("actor", "Actor", """{"u":1}"""),
            Some.Section("details", "Details", """{"d":1}"""),
        ]);

        var (header, extension) = Read(auditEvent, CefProfiles.DropboxBlog);

        Assert.Equal("Dropbox Activity Log", header[1]);
        Assert.Equal(
            ["duser", "duid", "cat", "rt", "end", "cs1", "cs1Label", "cs2", "cs2Label", "cs3", "cs3Label", "src", "cs4", "cs4Label", "externalId"],
            extension.Select(p => p.Key));
        var values = extension.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal(("t.wilk@northwind.example", "dbmid:AAC9dE8fG7hI6jK5lM4nO3pQ2rS1tU0vW9x"), (values["duser"], values["duid"]));
        Assert.Equal(values["rt"], values["end"]);
        Assert.Equal(("""{"d":1}""", "Details of event"), (values["cs1"], values["cs1Label"]));
        Assert.Equal(("""{"u":1}""", "Details of event actor"), (values["cs2"], values["cs2Label"]));
        Assert.Equal(("""{"o":1}""", "Details of the event origin"), (values["cs3"], values["cs3Label"]));
        Assert.Equal(("""[{"a":1}]""", "Details of event assets"), (values["cs4"], values["cs4Label"]));
    }

    [Fact]
    public void Format_DropboxBlogProfileWithEmptyAssets_OmitsCs4UnlikeTheSeed()
    {
        var extension = ReadExtension(GoldenCases.Event(sections: [Some.Section("assets", "Assets", "[]")]), CefProfiles.DropboxBlog);

        Assert.False(extension.ContainsKey("cs4"));
        Assert.False(extension.ContainsKey("cs4Label"));
    }

    [Fact]
    public void Format_WithBudget_ShortensTheLargestSectionFirstAndKeepsItValidJson()
    {
        var auditEvent = GoldenCases.Event(sections:
        [
            Some.Section("details", "Details", "{\"note\":\"" + new string('n', 300) + "\"}"),
            Some.Section("actor", "Actor", "{\"bio\":\"" + new string('b', 600) + "\"}"),
        ]);
        var full = Encoding.UTF8.GetByteCount(Format(auditEvent));
        var output = new ArrayBufferWriter<byte>();

        var result = EventFormatters.Cef(new CefFormatterOptions { Products = VendorProducts.All }).Format(auditEvent, output, full - 200);

        Assert.InRange(result.BytesWritten, full - 260, full - 200);
        Assert.Equal(1, result.ShortenedValues);
        var extension = CefTestReader.Read(Encoding.UTF8.GetString(output.WrittenSpan)).Extension.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("{\"note\":\"" + new string('n', 300) + "\"}", extension["cs1"]);
        using var cs2 = JsonDocument.Parse(extension["cs2"]);
        Assert.EndsWith(Marker, cs2.RootElement.GetProperty("bio").GetString(), StringComparison.Ordinal);
        Assert.Equal("cs2", extension["flexString2"]);
    }

    [Fact]
    public void Format_WithBudgetBelowWhatSectionsCanGive_ShortensTextValuesToo()
    {
        var auditEvent = GoldenCases.Event(
            description: new string('d', 400),
            objects: [new EventObject("file", new string('f', 300), "/p", "id:1")],
            sections: [Some.Section("details", "Details", """{"a":"short"}""")]);
        var full = Encoding.UTF8.GetByteCount(Format(auditEvent));
        var output = new ArrayBufferWriter<byte>();

        var result = EventFormatters.Cef(new CefFormatterOptions { Products = VendorProducts.All }).Format(auditEvent, output, full - 500);

        Assert.InRange(result.BytesWritten, 1, full - 500);
        Assert.Equal(2, result.ShortenedValues);
        var (header, extension) = CefTestReader.Read(Encoding.UTF8.GetString(output.WrittenSpan));
        var values = extension.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal(new string('d', header[4].Length - Marker.Length) + Marker, header[4]);
        Assert.EndsWith(Marker, values["fname"], StringComparison.Ordinal);
        Assert.Equal("""{"a":"short"}""", values["cs1"]);
        Assert.Equal("name,fname", values["flexString2"]);
    }

    [Fact]
    public void Format_WithImpossibleBudget_ThrowsRecordTooLargeAndWritesNothing()
    {
        var output = new ArrayBufferWriter<byte>();

        var exception = Assert.Throws<RecordTooLargeException>(() => EventFormatters.Cef(new CefFormatterOptions { Products = VendorProducts.All }).Format(GoldenCases.Event(), output, 200));

        Assert.Contains("dbx:5f1c2a9e0b7d4c3a", exception.Message, StringComparison.Ordinal);
        Assert.Equal(0, output.WrittenCount);
    }

    [Fact]
    public void Format_WithEveryBudgetFromFullSizeDown_NeverExceedsTheBudget()
    {
        var auditEvent = GoldenCases.Get("truncation");
        var formatter = EventFormatters.Cef(new CefFormatterOptions { Products = VendorProducts.All });
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
                CefFormatterContractTests.AssertOneCefRecord(output.WrittenSpan.ToArray());
                smallest = result.BytesWritten;
            }
            catch (RecordTooLargeException)
            {
                Assert.Equal(0, output.WrittenCount);
                break;
            }
        }

        Assert.InRange(smallest, 1, 1000);
    }

    [Fact]
    public void Create_WithUnknownProfile_ThrowsNamingTheProfiles()
    {
        var exception = Assert.Throws<ArgumentException>(() => EventFormatters.Cef(new CefFormatterOptions { Profile = "arcsight-classic" }));

        Assert.Contains("default, dropbox-blog", exception.Message, StringComparison.Ordinal);
    }

    private static AuditEvent EventWith(string key, string value) => key switch
    {
        "fname" => GoldenCases.Event(objects: [new EventObject("file", value, "/p", "id:1")]),
        "filePath" => GoldenCases.Event(objects: [new EventObject("file", "n", value, "id:1")]),
        "fileId" => GoldenCases.Event(objects: [new EventObject("file", "n", "/p", value)]),
        "cat" => GoldenCases.Event(category: value),
        "act" => GoldenCases.Event(action: value),
        "suser" => GoldenCases.Event(actor: new Principal(PrincipalKind.User, "id", value, "n")),
        "suid" => GoldenCases.Event(actor: new Principal(PrincipalKind.User, value, "e@x.example", "n")),
        "duser" => GoldenCases.Event(target: new Principal(PrincipalKind.User, "id", value, "n")),
        "duid" => GoldenCases.Event(target: new Principal(PrincipalKind.User, value, "e@x.example", "n")),
        "cs1Label" => GoldenCases.Event(sections: [Some.Section("details", value, """{"a":1}""")]),
        _ => throw new ArgumentOutOfRangeException(nameof(key)),
    };

    private static string Format(AuditEvent auditEvent, string profile = CefProfiles.Default)
    {
        var output = new ArrayBufferWriter<byte>();
        EventFormatters.Cef(new CefFormatterOptions { Profile = profile, Products = VendorProducts.All }).Format(auditEvent, output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static (string[] Header, List<KeyValuePair<string, string>> Extension) Read(AuditEvent auditEvent, string profile = CefProfiles.Default) =>
        CefTestReader.Read(Format(auditEvent, profile));

    private static Dictionary<string, string> ReadExtension(AuditEvent auditEvent, string profile = CefProfiles.Default) =>
        Read(auditEvent, profile).Extension.ToDictionary(p => p.Key, p => p.Value);
}
