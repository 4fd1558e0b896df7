using System.Text;
using System.Text.Json;
using AuditBridge.Events;
using AuditBridge.Sources.Box;
using AuditBridge.TestKit;

namespace AuditBridge.Connectors.Tests.Sources.Box;

public sealed class BoxEventMapperTests
{
    private static readonly BoxEventMapper Mapper = new("acme-box", static (category, action) => action == "LOGIN" ? 6 : category.Length);

    [Fact]
    public void Map_WhenUserSignsIn_MapsIdTimeActorTargetOriginAndOutcome()
    {
        var login = Event("001.json", 0);

        var mapped = Mapper.Map(login);

        Assert.Equal("7c2a91e0-4b6f-4d8e-9a1b-2f3c4d5e6f70", mapped.Id);
        Assert.Equal("box", mapped.Vendor);
        Assert.Equal("acme-box", mapped.Source);
        Assert.Equal(new DateTimeOffset(2024, 5, 3, 10, 41, 7, TimeSpan.Zero), mapped.Time);
        Assert.Equal(TimeSpan.Zero, mapped.Time.Offset);
        Assert.Equal("login", mapped.Category);
        Assert.Equal("LOGIN", mapped.Action);
        Assert.Equal("Login", mapped.Description);
        Assert.Equal(new Principal(PrincipalKind.User, "30012345678", "priya.raman@northwind.example", "Priya Raman"), mapped.Actor);
        Assert.Equal(mapped.Actor, mapped.Target);
        Assert.Equal("203.0.113.44", mapped.Ip);
        Assert.Equal(EventOutcome.Success, mapped.Outcome);
        Assert.Equal(6, mapped.Severity);
        Assert.Equal(new EventObject("user", "Priya Raman", null, "30012345678"), Assert.Single(mapped.Objects));
    }

    // Box writes the anonymous user as a Shield alert's created_by; the user the alert is about is in shield_alert.user.
    [Fact]
    public void Map_ShieldAlertCreatedByTheAnonymousUser_TargetsTheAlertsUserAndNamesBoxShieldTheActor()
    {
        var alert = Parse("""{"type":"event","event_id":"e-shield","event_type":"SHIELD_ALERT","created_at":"2024-05-03T12:00:00-07:00","created_by":{"type":"user","id":"2","name":"Unknown User","login":""},"source":null,"additional_details":{"shield_alert":{"rule_category":"Suspicious Locations","risk_score":88,"user":{"id":"30087654321","name":"Tomasz Wilk","email":"t.wilk@northwind.example"}}}}""");

        var mapped = Mapper.Map(alert);

        Assert.Equal(new Principal(PrincipalKind.System, null, null, "Box Shield"), mapped.Actor);
        Assert.Equal(new Principal(PrincipalKind.User, "30087654321", "t.wilk@northwind.example", "Tomasz Wilk"), mapped.Target);
    }

    // A path_collection with no entry says nothing about where the item is; "/name" at the root would be invented.
    [Fact]
    public void Map_AnItemWithoutParentAndAnEmptyPathCollection_HasNoPath()
    {
        var upload = Parse("""{"type":"event","event_id":"e-trash","event_type":"ITEM_TRASH","created_at":"2024-05-03T12:00:00Z","source":{"type":"file","id":"99","name":"plan.docx","parent":null,"path_collection":{"total_count":0,"entries":[]}}}""");

        var mapped = Mapper.Map(upload);

        Assert.Equal(new EventObject("file", "plan.docx", null, "99"), Assert.Single(mapped.Objects));
    }

    [Fact]
    public void Map_WhenAFileIsDownloaded_TheEventSourceIsTheObjectAndItsOwnerTheTarget()
    {
        var download = Event("001.json", 1);

        var mapped = Mapper.Map(download);

        Assert.Equal("4f1d0c9b8a7e6d5c4b3a29181716151413121110", mapped.Id);
        Assert.Equal("file_operations", mapped.Category);
        Assert.Equal("Downloaded", mapped.Description);
        Assert.Equal(new EventObject("file", "forecast-v3.xlsx", null, "1488201933057"), Assert.Single(mapped.Objects));
        Assert.Equal(new Principal(PrincipalKind.User, "30087654321", "t.wilk@northwind.example", "Tomasz Wilk"), mapped.Target);
        Assert.Equal(EventOutcome.Unknown, mapped.Outcome);
        Assert.Equal("""{"size":284112,"version_id":"1634550021873","service_id":"10234","service_name":"Box Web"}""", Section(mapped, "details"));
        Assert.Equal("""{"ip_address":"198.51.100.23","session_id":"x8k2m4n6p0q1r3s5"}""", Section(mapped, "origin"));
    }

    [Fact]
    public void Map_WhenACollaboratorIsInvited_TargetIsAccessibleByAndTheObjectTheFolder()
    {
        var invite = Event("002.json", 0);

        var mapped = Mapper.Map(invite);

        Assert.Equal("collaboration", mapped.Category);
        Assert.Equal("Invited", mapped.Description);
        Assert.Equal(new Principal(PrincipalKind.User, "30099887766", "auditor@contoso.example", "External Auditor"), mapped.Target);
        Assert.Equal(new EventObject("folder", "Q2", null, "251188023411"), Assert.Single(mapped.Objects));
        Assert.Equal("""{"type":"user","id":"30099887766","name":"External Auditor","login":"auditor@contoso.example"}""", Section(mapped, "participants"));
    }

    [Fact]
    public void Map_AFullFileObject_BuildsItsPathFromThePathCollectionWithoutTheRoot()
    {
        var upload = Event("003.json", 0);

        var mapped = Mapper.Map(upload);

        Assert.Equal(new EventObject("file", "budget-2025.xlsx", "/Finance/Q2/budget-2025.xlsx", "1488201999001"), Assert.Single(mapped.Objects));
        Assert.Equal("2001:db8:4a::17", mapped.Ip);
    }

    [Fact]
    public void Map_ATimeWithAPositiveOffset_IsConvertedToUtc()
    {
        var upload = Event("003.json", 0);

        var mapped = Mapper.Map(upload);

        Assert.Equal(new DateTimeOffset(2024, 5, 3, 10, 45, 2, TimeSpan.Zero), mapped.Time);
        Assert.Equal(TimeSpan.Zero, mapped.Time.Offset);
    }

    [Fact]
    public void Map_AdditionalDetailsSentAsAString_IsDecodedIntoTheDetailsSection_AndRawKeepsTheString()
    {
        var upload = Event("003.json", 0);

        var mapped = Mapper.Map(upload);

        Assert.Equal("""{"size":48211,"version_id":"1634550029999","service_name":"Box Drive"}""", Section(mapped, "details"));
        Assert.Contains("\"additional_details\": \"{\\\"size\\\": 48211,", Encoding.UTF8.GetString(mapped.Raw.Span), StringComparison.Ordinal);
    }

    [Fact]
    public void Map_TheAnonymousUser2_IsAnAnonymousActor_AndANonIpAddressIsNoIp()
    {
        var preview = Event("003.json", 1);

        var mapped = Mapper.Map(preview);

        Assert.Equal(new Principal(PrincipalKind.Anonymous, "2", null, "Unknown User"), mapped.Actor);
        Assert.Null(mapped.Ip);
        Assert.Equal("""{"ip_address":"Unknown IP"}""", Section(mapped, "origin"));
        Assert.Equal(new EventObject("web_link", "Partner portal", "/Shared/Partner portal", "300001234"), Assert.Single(mapped.Objects));
    }

    [Fact]
    public void Map_AGroupSourceWithAnAddedUser_TargetIsTheUserAndTheObjectTheGroup()
    {
        var groupAdd = Event("003.json", 2);

        var mapped = Mapper.Map(groupAdd);

        Assert.Equal("group_management", mapped.Category);
        Assert.Equal(new Principal(PrincipalKind.User, "30099887766", "auditor@contoso.example", "External Auditor"), mapped.Target);
        Assert.Equal(new EventObject("group", "Finance", null, "11446498"), Assert.Single(mapped.Objects));
    }

    [Fact]
    public void Map_AShieldAlertWithoutSource_HasNoObjectDecodedDetailsAndTheAlertsUserAsTarget()
    {
        var alert = Event("003.json", 3);

        var mapped = Mapper.Map(alert);

        Assert.Equal("security", mapped.Category);
        Assert.Empty(mapped.Objects);

        // The alert's details are a JSON string here; its user is the target, and a named created_by stays the actor.
        Assert.Equal(new Principal(PrincipalKind.User, "30087654321", "t.wilk@northwind.example"), mapped.Target);
        Assert.Equal(new Principal(PrincipalKind.User, "30087654321", "t.wilk@northwind.example", "Tomasz Wilk"), mapped.Actor);
        Assert.Null(mapped.Ip);
        Assert.Equal("null", Section(mapped, "assets"));
        Assert.StartsWith("""{"shield_alert":{"rule_category":"Anomalous Download","risk_score":77""", Section(mapped, "details"), StringComparison.Ordinal);
    }

    [Fact]
    public void Map_AFailedSignIn_IsAFailure()
    {
        var failed = Event("003.json", 4);

        var mapped = Mapper.Map(failed);

        Assert.Equal(EventOutcome.Failure, mapped.Outcome);
        Assert.Equal(PrincipalKind.Anonymous, mapped.Actor!.Kind);
        Assert.Equal("Failed login", mapped.Description);
    }

    [Fact]
    public void Map_AServiceAccountActor_IsAnApp()
    {
        var move = Event("003.json", 5);

        var mapped = Mapper.Map(move);

        Assert.Equal(new Principal(PrincipalKind.App, "30000000021", "AutomationUser_1083241_Xk7Tq2mPzA@boxdevedition.com", "Northwind SIEM Export"), mapped.Actor);
        Assert.Equal(new EventObject("folder", "Q2", "/Finance/Q2", "251188023411"), Assert.Single(mapped.Objects));
    }

    [Fact]
    public void Map_AGenericSource_KeepsItsTypeAndId()
    {
        var holdDeleted = Event("003.json", 6);

        var mapped = Mapper.Map(holdDeleted);

        Assert.Equal("governance", mapped.Category);
        Assert.Equal("A legal hold policy is deleted.", mapped.Description);
        Assert.Equal(new EventObject("legal_hold_policy", null, null, "8841233"), Assert.Single(mapped.Objects));
    }

    [Fact]
    public void Map_AnAppItemSourceAndAPolicyViolation_AreMappedAsSuch()
    {
        var violation = Event("003.json", 7);

        var mapped = Mapper.Map(violation);

        Assert.Equal(new EventObject("app_item", "hubs", null, "1223344"), Assert.Single(mapped.Objects));
        Assert.Equal(EventOutcome.Failure, mapped.Outcome);
        Assert.Equal("There is a sharing policy violation.", mapped.Description);
    }

    [Fact]
    public void Map_AGroupGainingAccess_IsTheTarget_AndGroupAddItemHasTheAdminConsoleText()
    {
        var groupItem = Event("003.json", 8);

        var mapped = Mapper.Map(groupItem);

        Assert.Equal(new Principal(PrincipalKind.Group, "11446498", null, "Finance"), mapped.Target);
        Assert.Equal(new EventObject("folder", "Q2", null, "251188023411"), Assert.Single(mapped.Objects));
        Assert.Equal("Folders were added to a group in the Admin console.", mapped.Description);
    }

    [Fact]
    public void Map_AnEventTypeNotInTheTable_IsCategoryOther_WithTheTypeAsDescription()
    {
        var unknown = Event("003.json", 9);

        var mapped = Mapper.Map(unknown);

        Assert.Equal("other", mapped.Category);
        Assert.Equal("NEW_TYPE_NOT_IN_THE_TABLE", mapped.Description);
        Assert.Equal(5, mapped.Severity);
        Assert.Equal(new EventObject("unknown", null, null, "77"), Assert.Single(mapped.Objects));
    }

    [Fact]
    public void Map_KeepsTheRawEventByteForByte_AndEverySectionInItsSlot()
    {
        var text = "{ \"type\":\"event\", \"event_id\" : \"abc\",\n \"event_type\":\"LOGIN\", \"created_at\":\"2024-05-03T03:41:07-07:00\", \"created_by\": { \"type\":\"user\", \"id\":\"1\", \"name\":\"é\\u00e9\" } }";

        var mapped = Mapper.Map(Parse(text));

        Assert.Equal(text, Encoding.UTF8.GetString(mapped.Raw.Span));
        Assert.Equal(["details", "actor", "origin", "assets", "participants", "context"], mapped.Sections.Select(s => s.Name));
        Assert.Equal("""{"type":"user","id":"1","name":"éé"}""", Section(mapped, "actor"));
        Assert.All(mapped.Sections.Where(s => s.Name != "actor"), s => Assert.Equal("null", Encoding.UTF8.GetString(s.Json.Span)));
    }

    [Fact]
    public void Map_AdditionalDetailsAsAStringThatIsNotJson_StaysTheString()
    {
        var mapped = Mapper.Map(Parse("""{"event_id":"x","event_type":"EDIT","created_at":"2024-05-03T03:41:07-07:00","additional_details":"not json {"}"""));

        Assert.Equal("\"not json {\"", Section(mapped, "details"));
    }

    [Theory]
    [InlineData("FAILED_LOGIN", EventOutcome.Failure)]
    [InlineData("DEVICE_TRUST_CHECK_FAILED", EventOutcome.Failure)]
    [InlineData("BOX_AI_USER_FAILED_REQUEST", EventOutcome.Failure)]
    [InlineData("CONTENT_WORKFLOW_UPLOAD_POLICY_VIOLATION", EventOutcome.Failure)]
    [InlineData("SHIELD_EXTERNAL_COLLAB_INVITE_BLOCKED_MISSING_JUSTIFICATION", EventOutcome.Failure)]
    [InlineData("SHIELD_DOWNLOAD_BLOCKED", EventOutcome.Failure)]
    [InlineData("LOGIN", EventOutcome.Success)]
    [InlineData("ADMIN_LOGIN", EventOutcome.Success)]
    [InlineData("ADD_LOGIN_ACTIVITY_DEVICE", EventOutcome.Unknown)]
    [InlineData("DOWNLOAD", EventOutcome.Unknown)]
    public void Outcome_FollowsTheEventType(string action, EventOutcome expected)
    {
        Assert.Equal(expected, BoxEventMapper.Outcome(action));
    }

    [Theory]
    [InlineData("203.0.113.44", "203.0.113.44")]
    [InlineData("2001:db8::1", "2001:db8::1")]
    [InlineData("Unknown IP", null)]
    [InlineData("", null)]
    [InlineData("10.1", null)]
    [InlineData("1", null)]
    [InlineData(null, null)]
    public void IpAddress_KeepsOnlyRealAddresses(string? text, string? expected)
    {
        Assert.Equal(expected, BoxEventMapper.IpAddress(text));
    }

    [Fact]
    public void Map_WhenAdditionalDetailsIsAJsonString_CollectsTheIndicatorsInsideItLikeAnObject()
    {
        const string Details = """{"shared_with":[{"type":"user","id":"5","name":"Ada Lovelace","login":"ada"}],"relay":"198.51.100.9","note":"cc Security Desk <secdesk@northwind.example>"}""";
        const string Head = """{"type":"event","event_id":"e-9","event_type":"SHARE","created_at":"2024-05-03T10:41:07Z","created_by":{"type":"user","id":"2","name":"Unknown User","login":""},"additional_details":""";

        var fromObject = Mapper.Map(Parse(Head + Details + "}"));
        var fromString = Mapper.Map(Parse(Head + JsonSerializer.Serialize(Details) + "}"));

        Assert.Equal(["Unknown User", "Ada Lovelace", "ada", "198.51.100.9", "secdesk@northwind.example"], fromObject.Indicators);
        Assert.Equal(fromObject.Indicators, fromString.Indicators);
        Assert.Equal(Section(fromObject, "details"), Section(fromString, "details"));
    }

    [Fact]
    public void Map_FixtureEvents_CollectTheLoginsNamesAndAddressesOfTheirUsers()
    {
        var mapped = Mapper.Map(Event("001.json", 0));

        Assert.Equal(["Priya Raman", "priya.raman@northwind.example", "203.0.113.44"], mapped.Indicators);
    }

    private static JsonElement Event(string fixture, int index)
    {
        using var page = JsonDocument.Parse(Fixtures.Bytes($"box/events/{fixture}"));
        return page.RootElement.GetProperty("entries")[index].Clone();
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static string Section(AuditEvent auditEvent, string name) =>
        Encoding.UTF8.GetString(auditEvent.Sections.Single(s => s.Name == name).Json.Span);
}
