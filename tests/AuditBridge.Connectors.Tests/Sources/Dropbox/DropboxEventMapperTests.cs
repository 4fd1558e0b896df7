using System.Buffers;
using System.Text;
using System.Text.Json;
using AuditBridge.Events;
using AuditBridge.Formats;
using AuditBridge.Formats.Leef;
using AuditBridge.Simulators.Dropbox;
using AuditBridge.Sources;
using AuditBridge.Sources.Dropbox;
using AuditBridge.TestKit;

namespace AuditBridge.Connectors.Tests.Sources.Dropbox;

public sealed class DropboxEventMapperTests
{
    private static readonly DropboxEventMapper Mapper = new("acme-dropbox", static (category, _) => category == "logins" ? 6 : 3);

    [Fact]
    public void Map_WhenUserSignsIn_MapsActorTargetOriginAndOutcome()
    {
        var login = Event("dropbox/team_log/001-get_events.json", 0);

        var mapped = Mapper.Map(login, "dbx:1");

        Assert.Equal("dbx:1", mapped.Id);
        Assert.Equal("dropbox", mapped.Vendor);
        Assert.Equal("acme-dropbox", mapped.Source);
        Assert.Equal(new DateTimeOffset(2024, 5, 3, 10, 41, 7, TimeSpan.Zero), mapped.Time);
        Assert.Equal("logins", mapped.Category);
        Assert.Equal("login_success", mapped.Action);
        Assert.Equal("Signed in", mapped.Description);
        Assert.Equal(new Principal(PrincipalKind.User, "dbmid:AAB1xYz2Wv3Ut4Sr5Qp6On7Ml8Kj9Ih0Gf1", "priya.raman@northwind.example", "Priya Raman"), mapped.Actor);
        Assert.Equal(mapped.Actor, mapped.Target);
        Assert.Equal("203.0.113.44", mapped.Ip);
        Assert.Equal(new GeoLocation("Lyon", "Auvergne-Rhone-Alpes", "FR"), mapped.Geo);
        Assert.Equal(EventOutcome.Success, mapped.Outcome);
        Assert.Equal(6, mapped.Severity);
        Assert.Empty(mapped.Objects);
    }

    [Fact]
    public void Map_WhenFileIsDownloaded_MapsTheAssetToAnObject()
    {
        var download = Event("dropbox/team_log/001-get_events.json", 1);

        var mapped = Mapper.Map(download, "dbx:2");

        var file = Assert.Single(mapped.Objects);
        Assert.Equal(new EventObject("file", "forecast-v3.xlsx", "/Finance/Q2/forecast-v3.xlsx", "id:Yk3mP0qR8sTAAAAAAAABcw"), file);
        Assert.Equal(EventOutcome.Unknown, mapped.Outcome);
    }

    [Fact]
    public void Map_WhenAdminChangesARole_ActorIsAdminAndTargetIsTheContextMember()
    {
        var roleChange = Event("dropbox/team_log/002-continue.json", 0);

        var mapped = Mapper.Map(roleChange, "dbx:3");

        Assert.Equal(PrincipalKind.Admin, mapped.Actor!.Kind);
        Assert.Equal("it-admin@northwind.example", mapped.Actor.Email);
        Assert.Equal(new Principal(PrincipalKind.User, "dbmid:AAC9dE8fG7hI6jK5lM4nO3pQ2rS1tU0vW9x", "t.wilk@northwind.example", "Tomasz Wilk"), mapped.Target);
        Assert.Equal("192.0.2.77", mapped.Ip);
    }

    [Fact]
    public void Map_WhenAppActsOnTheTeamWithAGroupParticipant_ActorIsTheAppAndTargetTheGroup()
    {
        var appLink = Event("dropbox/team_log/002-continue.json", 1);

        var mapped = Mapper.Map(appLink, "dbx:4");

        Assert.Equal(new Principal(PrincipalKind.App, "dbaid:AAHq1W2e3R4t5Y6u7I8o9P0aS1d2F3g4H5j", null, "Contoso Backup Connector"), mapped.Actor);
        Assert.Equal(new Principal(PrincipalKind.Group, "g:1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d", null, "Finance"), mapped.Target);
        Assert.Null(mapped.Ip);
        Assert.Null(mapped.Geo);
    }

    [Theory]
    [InlineData("""{".tag":"reseller","reseller_name":"Reseller Ltd","reseller_email":"ops@reseller.example"}""", PrincipalKind.Reseller, null, "ops@reseller.example", "Reseller Ltd")]
    [InlineData("""{".tag":"dropbox"}""", PrincipalKind.System, null, null, null)]
    [InlineData("""{".tag":"anonymous"}""", PrincipalKind.Anonymous, null, null, null)]
    [InlineData("""{".tag":"user","user":{".tag":"non_team_member","account_id":"dbid:AAAnonTeam","display_name":"Guest","email":"guest@other.example"}}""", PrincipalKind.User, "dbid:AAAnonTeam", "guest@other.example", "Guest")]
    [InlineData("""{".tag":"app","app":{".tag":"user_linked_app","display_name":"Zapier"}}""", PrincipalKind.App, null, null, "Zapier")]
    [InlineData("""{".tag":"future_kind","future_kind":{"email":"x@y.example","display_name":"X"}}""", PrincipalKind.User, null, "x@y.example", "X")]
    public void Map_ForEveryActorVariant_MapsKindIdEmailAndName(string actorJson, PrincipalKind kind, string? id, string? email, string? name)
    {
        var teamEvent = Parse($$"""{"timestamp":"2024-05-03T10:41:07Z","event_category":{".tag":"sharing"},"event_type":{".tag":"shared_link_view","description":"Opened shared link"},"details":{".tag":"shared_link_view_details"},"actor":{{actorJson}}}""");

        var mapped = Mapper.Map(teamEvent, "dbx:5");

        Assert.Equal(new Principal(kind, id, email, name), mapped.Actor);
    }

    [Theory]
    [InlineData("""{".tag":"organization_team","display_name":"Northwind EMEA"}""", PrincipalKind.Team, "Northwind EMEA")]
    [InlineData("""{".tag":"team"}""", PrincipalKind.Team, null)]
    [InlineData("""{".tag":"anonymous"}""", PrincipalKind.Anonymous, null)]
    public void Map_WhenContextIsNotAUserAndNoParticipants_TargetIsTheContext(string contextJson, PrincipalKind kind, string? name)
    {
        var teamEvent = Parse($$"""{"timestamp":"2024-05-03T10:41:07Z","event_category":{".tag":"team_profile"},"event_type":{".tag":"team_profile_change_name","description":"Changed team name"},"details":{".tag":"team_profile_change_name_details"},"context":{{contextJson}}}""");

        var mapped = Mapper.Map(teamEvent, "dbx:6");

        Assert.Equal(new Principal(kind, null, null, name), mapped.Target);
    }

    // Participants are "affected by the action" and exclude the actor and the context; the context is on whose behalf
    // the action was taken, here the sharer, who is also the actor.
    [Fact]
    public void Map_SharedContentAddMember_TargetIsTheAddedOutsideMemberNotTheContextSharer()
    {
        var teamEvent = Parse("""{"timestamp":"2024-05-03T10:41:07Z","event_category":{".tag":"sharing"},"event_type":{".tag":"shared_content_add_member","description":"Added users and/or groups to shared file/folder"},"details":{".tag":"shared_content_add_member_details","shared_content_access_level":{".tag":"editor"}},"actor":{".tag":"user","user":{".tag":"team_member","account_id":"dbid:sharer","email":"priya@northwind.example","display_name":"Priya Raman"}},"context":{".tag":"team_member","account_id":"dbid:sharer","email":"priya@northwind.example","display_name":"Priya Raman"},"participants":[{".tag":"user","user":{".tag":"non_team_member","account_id":"dbid:outside","email":"auditor@contoso.example","display_name":"External Auditor"}}]}""");

        var mapped = Mapper.Map(teamEvent);

        Assert.Equal(new Principal(PrincipalKind.User, "dbid:sharer", "priya@northwind.example", "Priya Raman"), mapped.Actor);
        Assert.Equal(new Principal(PrincipalKind.User, "dbid:outside", "auditor@contoso.example", "External Auditor"), mapped.Target);
    }

    [Fact]
    public void Map_SharedFolderTransferOwnership_TargetIsTheNewOwner()
    {
        var teamEvent = Parse("""{"timestamp":"2024-05-03T10:41:07Z","event_category":{".tag":"sharing"},"event_type":{".tag":"shared_folder_transfer_ownership","description":"Transferred ownership of shared folder to another member"},"details":{".tag":"shared_folder_transfer_ownership_details","new_owner_email":"new@northwind.example"},"actor":{".tag":"admin","admin":{".tag":"team_member","team_member_id":"dbmid:admin","email":"it-admin@northwind.example"}},"context":{".tag":"team_member","team_member_id":"dbmid:old","email":"old@northwind.example"},"participants":[{".tag":"user","user":{".tag":"team_member","team_member_id":"dbmid:new","email":"new@northwind.example","display_name":"New Owner"}}]}""");

        var mapped = Mapper.Map(teamEvent);

        Assert.Equal(new Principal(PrincipalKind.User, "dbmid:new", "new@northwind.example", "New Owner"), mapped.Target);
    }

    [Fact]
    public void Map_WhenAGroupParticipatesAndTheContextIsAUser_TargetIsTheGroup()
    {
        var teamEvent = Parse("""{"timestamp":"2024-05-03T10:41:07Z","event_category":{".tag":"sharing"},"event_type":{".tag":"shared_content_add_member"},"details":{".tag":"x"},"context":{".tag":"team_member","team_member_id":"dbmid:sharer","email":"priya@northwind.example"},"participants":[{".tag":"group","group_id":"g:1","display_name":"Finance"}]}""");

        var mapped = Mapper.Map(teamEvent);

        Assert.Equal(new Principal(PrincipalKind.Group, "g:1", null, "Finance"), mapped.Target);
    }

    [Fact]
    public void Map_WhenContextIsTheTeamAndAUserParticipates_TargetIsTheParticipant()
    {
        var teamEvent = Parse("""{"timestamp":"2024-05-03T10:41:07Z","event_category":{".tag":"members"},"event_type":{".tag":"member_add_name","description":"Added team member name"},"details":{".tag":"member_add_name_details"},"context":{".tag":"team"},"participants":[{".tag":"group","display_name":"G"},{".tag":"user","user":{".tag":"team_member","account_id":"dbid:p","email":"p@n.example"}}]}""");

        var mapped = Mapper.Map(teamEvent, "dbx:7");

        Assert.Equal(new Principal(PrincipalKind.User, "dbid:p", "p@n.example", null), mapped.Target);
    }

    [Theory]
    [InlineData("""{".tag":"paper_document","doc_id":"doc1","doc_title":"Plan"}""", "paper_document", "Plan", null, "doc1")]
    [InlineData("""{".tag":"paper_folder","folder_id":"f1","folder_name":"Drafts"}""", "paper_folder", "Drafts", null, "f1")]
    [InlineData("""{".tag":"showcase_document","showcase_id":"s1","showcase_title":"Launch"}""", "showcase_document", "Launch", null, "s1")]
    [InlineData("""{".tag":"folder","path":{"contextual":"/Share145/","namespace_relative":{"ns_id":"315"}},"file_id":"id:x"}""", "folder", "Share145", "/Share145/", "id:x")]
    [InlineData("""{".tag":"file","path":{"namespace_relative":{"ns_id":"1","relative_path":"/a/b.txt"}}}""", "file", "b.txt", "/a/b.txt", null)]
    public void Map_ForEveryAssetVariant_MapsNamePathAndId(string assetJson, string kind, string? name, string? path, string? id)
    {
        var teamEvent = Parse($$"""{"timestamp":"2024-05-03T10:41:07Z","event_category":{".tag":"file_operations"},"event_type":{".tag":"file_add","description":"Added files and/or folders"},"details":{".tag":"file_add_details"},"assets":[{{assetJson}}]}""");

        var mapped = Mapper.Map(teamEvent, "dbx:8");

        Assert.Equal(new EventObject(kind, name, path, id), Assert.Single(mapped.Objects));
    }

    [Fact]
    public void Map_KeepsTheRawEventByteForByte_AndSectionsAsCompactJson()
    {
        var text = "{ \"timestamp\" : \"2024-05-03T10:41:07Z\", \"event_category\":{\".tag\":\"logins\"},\n \"event_type\":{\".tag\":\"logout\",\"description\":\"Signed out\"}, \"details\": { \".tag\": \"logout_details\", \"login_id\": \"é\\u00e9\" }, \"participants\": [], \"assets\": [ ] }";
        var teamEvent = Parse(text);

        var mapped = Mapper.Map(teamEvent, "dbx:9");

        Assert.Equal(text, Encoding.UTF8.GetString(mapped.Raw.Span));
        Assert.Equal("""{".tag":"logout_details","login_id":"éé"}""", Encoding.UTF8.GetString(mapped.Sections[0].Json.Span));
        Assert.All(mapped.Sections.Skip(1), s => Assert.Equal("null", Encoding.UTF8.GetString(s.Json.Span)));
    }

    [Fact]
    public void Map_KeepsEverySectionInItsFixedSlot_WithNullForAbsentOnes()
    {
        var download = Event("dropbox/team_log/001-get_events.json", 1);

        var mapped = Mapper.Map(download, "dbx:10");

        Assert.Equal(["details", "actor", "origin", "assets", "participants", "context"], mapped.Sections.Select(s => s.Name));
        Assert.Equal("null", Encoding.UTF8.GetString(mapped.Sections[4].Json.Span));
        Assert.StartsWith("{\".tag\":\"team_member\"", Encoding.UTF8.GetString(mapped.Sections[5].Json.Span), StringComparison.Ordinal);
    }

    [Fact]
    public void ContentId_IgnoresMemberOrderWhitespaceAndEscaping_ButNotContent()
    {
        var a = Parse("""{"timestamp":"2024-05-03T10:41:07Z","event_type":{".tag":"x","description":"é"}}""");
        var reordered = Parse("""{ "event_type" : { "description":"\u00e9", ".tag":"x" }, "timestamp":"2024-05-03T10:41:07Z" }""");
        var changed = Parse("""{"timestamp":"2024-05-03T10:41:08Z","event_type":{".tag":"x","description":"é"}}""");

        var id = DropboxEventMapper.ContentId(a);

        Assert.StartsWith("dbx:", id, StringComparison.Ordinal);
        Assert.Equal(4 + 64, id.Length);
        Assert.Equal(id, DropboxEventMapper.ContentId(reordered));
        Assert.NotEqual(id, DropboxEventMapper.ContentId(changed));
    }

    [Theory]
    [InlineData("(logins) Signed in", "Signed in")]
    [InlineData("Signed in", "Signed in")]
    [InlineData("(not a category!) Text", "(not a category!) Text")]
    [InlineData("(", "(")]
    [InlineData(null, null)]
    public void StripCategoryPrefix_RemovesOnlyTheSpecsCategoryPrefix(string? description, string? expected)
    {
        Assert.Equal(expected, DropboxEventMapper.StripCategoryPrefix(description));
    }

    [Theory]
    [InlineData("login_fail", EventOutcome.Failure)]
    [InlineData("device_link_fail", EventOutcome.Failure)]
    [InlineData("team_activity_create_report_fail", EventOutcome.Failure)]
    [InlineData("login_success", EventOutcome.Success)]
    [InlineData("domain_verification_add_domain_success", EventOutcome.Success)]
    [InlineData("file_add", EventOutcome.Unknown)]
    [InlineData("failover", EventOutcome.Unknown)]
    public void Outcome_FollowsTheEventTypeSuffix(string action, EventOutcome expected)
    {
        Assert.Equal(expected, DropboxEventMapper.Outcome(action));
    }

    [Theory]
    [InlineData("dropbox/team_log/001-get_events.json", 0, new[] { "Priya Raman", "priya.raman@northwind.example", "203.0.113.44" })]
    [InlineData("dropbox/team_log/001-get_events.json", 1, new[] { "Tomasz Wilk", "t.wilk@northwind.example", "198.51.100.23" })]
    [InlineData("dropbox/team_log/002-continue.json", 0, new[] { "Jonas Berg", "it-admin@northwind.example", "192.0.2.77", "Tomasz Wilk", "t.wilk@northwind.example" })]
    public void Map_FixtureEvent_CollectsNamesEmailsAndAddressesAsIndicators(string fixture, int index, string[] expected)
    {
        var teamEvent = Event(fixture, index);

        var mapped = Mapper.Map(teamEvent, "dbx:11");

        Assert.Equal(expected, mapped.Indicators);
    }

    [Fact]
    public void Map_WhenAnAppActsWithAGroupParticipant_CollectsNoIndicators()
    {
        var appLink = Event("dropbox/team_log/002-continue.json", 1);

        var mapped = Mapper.Map(appLink, "dbx:12");

        // The app's and the group's display names are not user names, and the event has no address.
        Assert.Empty(mapped.Indicators);
    }

    [Fact]
    public void Map_SimulatorEventsWithHostileValues_CollectIndicatorsWithoutControlCharacters()
    {
        var generator = new DropboxEventGenerator(new DropboxSimulatorOptions { EventCount = 700, Seed = 7, HostileEvery = 3 });
        var withIndicators = 0;

        for (var i = 0; i < 700; i++)
        {
            using var document = JsonDocument.Parse(generator.GetEventJson(i));
            var mapped = Mapper.Map(document.RootElement, "dbx:" + i);

            Assert.All(mapped.Indicators, indicator => Assert.DoesNotContain(indicator, c => c < 0x20));
            Assert.Equal(mapped.Indicators.Count, mapped.Indicators.Distinct(StringComparer.Ordinal).Count());
            withIndicators += mapped.Indicators.Count > 0 ? 1 : 0;
        }

        Assert.InRange(withIndicators, 350, 700);
    }

    [Fact]
    public void Map_EverySection_HasANameTheLeefFormatWritesAsAKey()
    {
        var mapped = Mapper.Map(Parse("""{"timestamp":"2024-05-03T10:41:07Z","event_category":{".tag":"sharing"},"event_type":{".tag":"x"},"details":{"d":1},"actor":{"a":1},"origin":{"o":1},"assets":[1],"participants":[2],"context":{"c":1}}"""), "dbx:13");
        var output = new ArrayBufferWriter<byte>();

        EventFormatters.Leef(new LeefFormatterOptions { Products = VendorProducts.All }).Format(mapped, output);

        var record = Encoding.UTF8.GetString(output.WrittenSpan);
        Assert.All(mapped.Sections, section => Assert.Contains("^" + section.Name + "=" + Encoding.UTF8.GetString(section.Json.Span), record, StringComparison.Ordinal));
    }

    [Fact]
    public void Map_EscapedLoneSurrogates_KeepTheTextAsWrittenInsteadOfThrowing()
    {
        // "\ud800" alone is valid JSON syntax but no text: reading it as a string throws. A hostile value must not
        // stop the source; the escapes as the vendor wrote them stand for the text.
        var login = Parse("""
            {"timestamp":"2024-05-03T10:41:07Z","event_category":{".tag":"logins"},
             "actor":{".tag":"user","user":{".tag":"team_member","team_member_id":"dbmid:1","display_name":"Eve \ud800","email":"eve\udc00@x.example"}},
             "event_type":{".tag":"login_success","description":"\ud83d alone"},"details":{".tag":"login_success_details","note":"\udfff"}}
            """);

        var mapped = Mapper.Map(login, DropboxEventMapper.ContentId(login));

        Assert.Equal("Eve \\ud800", mapped.Actor!.Name);
        Assert.Equal("eve\\udc00@x.example", mapped.Actor.Email);
        Assert.Equal("\\ud83d alone", mapped.Description);
    }

    private static JsonElement Event(string fixture, int index)
    {
        using var page = JsonDocument.Parse(Fixtures.Bytes(fixture));
        return page.RootElement.GetProperty("events")[index].Clone();
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
