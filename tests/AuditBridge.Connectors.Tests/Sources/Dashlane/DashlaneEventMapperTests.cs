using System.Text;
using System.Text.Json;
using AuditBridge.Events;
using AuditBridge.Fakes.Dcli;
using AuditBridge.Sources.Dashlane;
using AuditBridge.TestKit;

namespace AuditBridge.Connectors.Tests.Sources.Dashlane;

public sealed class DashlaneEventMapperTests
{
    private static readonly DashlaneEventMapper Mapper = new("acme-dashlane", DashlaneTestSources.Severity, DashlaneLogTypes.BuiltIn);

    [Fact]
    public void Map_DocumentationSample_RendersTheDeviceMessageAndMapsTheAuthor()
    {
        var line = Line("001.jsonl", 2);

        var mapped = Map(line);

        Assert.Equal("dashlane:d2f5db34-0000-4000-8000-1dfcc3bdf911", mapped.Id);
        Assert.Equal("dashlane", mapped.Vendor);
        Assert.Equal("acme-dashlane", mapped.Source);
        Assert.Equal("authentication", mapped.Category);
        Assert.Equal("user_device_added", mapped.Action);
        Assert.Equal("Added the device Chrome - Mac OS", mapped.Description);
        Assert.Equal(new Principal(PrincipalKind.User, "28080685", "admin@something.io"), mapped.Actor);
        Assert.Null(mapped.Target);
        Assert.Equal(new EventObject("device", "Chrome - Mac OS"), Assert.Single(mapped.Objects));
        Assert.Equal(3, mapped.Severity);
        Assert.Equal(line, mapped.Raw.ToArray());
    }

    [Theory]
    [InlineData(1688629046919L, "2023-07-06T07:37:26.9190000+00:00")]
    [InlineData(1714728912004L, "2024-05-03T09:35:12.0040000+00:00")]
    [InlineData(0L, "1970-01-01T00:00:00.0000000+00:00")]
    public void Map_DateTime_IsEpochMillisecondsInUtc(long ms, string expected)
    {
        var line = Encoding.UTF8.GetBytes($$"""{"uuid":"u-1","log_type":"sso_enabled","category":"team_settings_sso","date_time":{{ms}}}""");

        var mapped = Map(line);

        Assert.Equal(expected, mapped.Time.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(TimeSpan.Zero, mapped.Time.Offset);
    }

    [Fact]
    public void Map_TeamCaptainAdded_TargetsTheUserByIdAndEmail()
    {
        var mapped = Map(Line("002.jsonl", 2));

        Assert.Equal("Changed priya.raman@northwind.example to admin rights", mapped.Description);
        Assert.Equal(new Principal(PrincipalKind.User, "77120001", "it-admin@northwind.example"), mapped.Actor);
        Assert.Equal(new Principal(PrincipalKind.User, "77120453", "priya.raman@northwind.example"), mapped.Target);
        Assert.Equal("""{"target_user_id":77120453,"target_email":"priya.raman@northwind.example"}""", Section(mapped, "participants"));
    }

    [Fact]
    public void Map_PropertiesAsAJsonString_AreParsedForTheMessageAndTheDetails()
    {
        var mapped = Map(Line("002.jsonl", 4));

        Assert.Equal("Removed the device Old laptop", mapped.Description);
        Assert.Equal("""{"device_name":"Old laptop"}""", Section(mapped, "details"));
        Assert.Equal(new EventObject("device", "Old laptop"), Assert.Single(mapped.Objects));
    }

    [Fact]
    public void Map_PropertiesAsAnObject_DetailsAreTheObjectAsWritten()
    {
        var mapped = Map(Line("002.jsonl", 1));

        Assert.Equal("""{"author_login":"priya.raman@northwind.example","device_name":"Firefox - Windows","device_platform":"server_standalone"}""", Section(mapped, "details"));
        Assert.Equal("""{"version":"6.2419.0","platform":"server_standalone"}""", Section(mapped, "origin"));
        Assert.Equal("""{"author_user_id":77120453,"author_login":"priya.raman@northwind.example"}""", Section(mapped, "actor"));
        Assert.Equal("""{"team_id":2048731}""", Section(mapped, "context"));
    }

    [Fact]
    public void Map_Sections_AreTheSixFixedSlotsWithNullForAbsentOnes()
    {
        var mapped = Map(Line("002.jsonl", 3));

        Assert.Equal(["details", "actor", "origin", "assets", "participants", "context"], mapped.Sections.Select(s => s.Name));
        Assert.Equal("null", Section(mapped, "origin"));
        Assert.Equal("null", Section(mapped, "assets"));
        Assert.Equal("null", Section(mapped, "participants"));
        Assert.Equal("""{"team_id":2048731,"is_sensitive":false}""", Section(mapped, "context"));
    }

    [Fact]
    public void Map_SharedCredentialWithExternal_FillsTheAuthorAndTheRightsAndListsTheCredentialAndTheSharingGroup()
    {
        var mapped = Map(LineOfType("003.jsonl", "user_shared_credential_with_external"));

        Assert.Equal("it-admin@northwind.example shared full rights to the github.com", mapped.Description);
        Assert.Equal([new EventObject("credential", "github.com"), new EventObject("sharing_group", null, null, "5500042")], mapped.Objects);
        Assert.Equal("""[{"kind":"credential","name":"github.com"},{"kind":"sharing_group","id":"5500042"}]""", Section(mapped, "assets"));
        Assert.Equal("""{"team_id":2048731,"sharing_group_id":5500042,"is_sensitive":true}""", Section(mapped, "context"));
    }

    [Theory]
    [InlineData("user_group_renamed", "Renamed the Finance group to Finance EMEA")]
    [InlineData("master_password_mobile_reset_enabled", "Turned on biometric recovery for iPhone 15")]
    [InlineData("seats_added", "Added 25 seats to your account")]
    [InlineData("master_password_reset_accepted", "Accepted an Account Recovery request from t.wilk@northwind.example")]
    [InlineData("collect_sensitive_data_audit_logs_disabled", "it-admin@northwind.example turned off additional activity logs (unencrypted)")]
    [InlineData("sso_disabled", "Disabled SSO")]
    [InlineData("scim_token_regenerated", "Scim token regenerated")]
    [InlineData("user_copied_credential_field", "User copied credential field")]
    public void Map_Description_FillsPlaceholdersFromPropertiesOrNamesAnUndocumentedType(string logType, string expected)
    {
        var mapped = Map(LineOfType("003.jsonl", logType));

        Assert.Equal(expected, mapped.Description);
    }

    [Fact]
    public void Map_PlaceholderNoPropertyFills_NamesThePlaceholder()
    {
        var line = """{"uuid":"u-2","log_type":"user_invited","category":"users","date_time":1714728912004,"properties":{}}"""u8.ToArray();

        var mapped = Map(line);

        Assert.Equal("Invited {email} to your account", mapped.Description);
        Assert.Null(mapped.Target);
        Assert.Equal("null", Section(mapped, "details"));
    }

    [Fact]
    public void Map_EveryCategory_KeepsCategoryAndLogTypeAndGetsASeverityFromBoth()
    {
        var seen = new List<(string, string)>();
        var mapper = new DashlaneEventMapper("s", (category, action) =>
        {
            seen.Add((category, action));
            return 4;
        }, DashlaneLogTypes.BuiltIn);

        var mapped = Lines("003.jsonl").Select(l =>
        {
            using var log = DashlaneLogLine.Parse(l);
            return mapper.Map(log);
        }).ToList();

        Assert.Equal(23, mapped.Select(e => e.Category).Distinct().Count());
        Assert.Equal(mapped.Select(e => (e.Category, e.Action)), seen);
        Assert.All(mapped, e => Assert.Equal(4, e.Severity));
        Assert.All(mapped, e => Assert.False(string.IsNullOrEmpty(e.Description)));
    }

    [Fact]
    public void Map_MissingCategory_IsUnknown()
    {
        var mapped = Map("""{"uuid":"u-3","log_type":"sso_enabled","date_time":1}"""u8.ToArray());

        Assert.Equal("unknown", mapped.Category);
        Assert.Null(mapped.Actor);
    }

    [Fact]
    public void Map_TeamDeviceWithoutAUser_IsAnAppActor()
    {
        var mapped = Map("""{"uuid":"u-4","log_type":"sso_enabled","category":"team_settings_sso","date_time":1,"author_team_device_id":90001}"""u8.ToArray());

        Assert.Equal(new Principal(PrincipalKind.App, "team_device:90001"), mapped.Actor);
        Assert.Equal("""{"author_team_device_id":90001}""", Section(mapped, "actor"));
    }

    [Fact]
    public void Map_IpInProperties_IsTheOriginIpAndAnIndicator()
    {
        var mapped = Map("""{"uuid":"u-5","log_type":"user_device_login","category":"authentication","date_time":1,"properties":{"author_login":"a@b.example","ip_address":"2001:db8::7"}}"""u8.ToArray());

        Assert.Equal("2001:db8::7", mapped.Ip);
        Assert.Equal(["a@b.example", "2001:db8::7"], mapped.Indicators);
    }

    [Fact]
    public void Map_WhenPropertiesIsAJsonString_CollectsTheIndicatorsInsideItLikeAnObject()
    {
        const string Properties = """{"author_login":"Ops.Bot","target_login":"j.doe@northwind.example","context":{"from":"198.51.100.9"}}""";
        var asObject = Encoding.UTF8.GetBytes($$"""{"uuid":"u-6","log_type":"sso_enabled","category":"team_settings_sso","date_time":1,"properties":{{Properties}}}""");
        var asString = Encoding.UTF8.GetBytes($$"""{"uuid":"u-6","log_type":"sso_enabled","category":"team_settings_sso","date_time":1,"properties":{{JsonSerializer.Serialize(Properties)}}}""");

        var fromObject = Map(asObject);
        var fromString = Map(asString);

        Assert.Equal(["Ops.Bot", "j.doe@northwind.example", "198.51.100.9"], fromObject.Indicators);
        Assert.Equal(fromObject.Indicators, fromString.Indicators);
    }

    [Fact]
    public void Map_LoginsOfAnyCase_AreOneLowerCaseIndicatorAndACredentialLoginIsAUserName()
    {
        var mapped = Map("""{"uuid":"u-7","log_type":"user_copied_credential_field","category":"item_usage","date_time":1,"properties":{"author_login":"Priya.Raman@Northwind.example","credential_login":"root","email":"priya.raman@northwind.example"}}"""u8.ToArray());

        Assert.Equal(["priya.raman@northwind.example", "root"], mapped.Indicators);
    }

    [Fact]
    public void Map_HostileValues_ReachDescriptionAndRawUnchanged()
    {
        var hostile = FakeDcliDataset.Generate(new FakeDcliConfig { Count = 200, HostileEvery = 10, Seed = 5 })
            .Where((_, i) => i % 10 == 9)
            .ToList();

        var mapped = hostile.Select(e => Map(Encoding.UTF8.GetBytes(e.Line))).ToList();

        Assert.Equal(FakeDcliDataset.HostileValues.Count * 2, mapped.Count);
        foreach (var value in FakeDcliDataset.HostileValues)
        {
            Assert.Contains(mapped, e => e.Description!.Contains(value, StringComparison.Ordinal));
        }

        Assert.Equal(hostile.Select(e => e.Line), mapped.Select(e => Encoding.UTF8.GetString(e.Raw.Span)));
    }

    [Theory]
    [InlineData("sso_login_failed", EventOutcome.Failure)]
    [InlineData("user_login_fail", EventOutcome.Failure)]
    [InlineData("scim_sync_succeeded", EventOutcome.Success)]
    [InlineData("user_device_added", EventOutcome.Unknown)]
    public void Outcome_FollowsTheLogTypeSuffix(string logType, EventOutcome expected)
    {
        Assert.Equal(expected, DashlaneEventMapper.Outcome(logType));
    }

    [Fact]
    public void BuiltInLogTypes_HaveAMessageForEveryTypeOfTheDocumentationTables()
    {
        // The "Default types" and "Sensitive types" tables of shared/seeds/004_dbddad1cf846b81c.txt.
        string[] documented =
        [
            "master_password_reset_accepted", "master_password_reset_refused", "user_device_added", "user_device_removed",
            "requested_account_recovery", "completed_account_recovery", "dwm_email_added", "dwm_email_removed",
            "user_group_created", "user_group_renamed", "user_group_deleted", "user_joined_user_group",
            "user_invited_to_user_group", "user_declined_invite_to_user_group", "user_removed_from_user_group",
            "team_name_changed", "new_billing_period_created", "seats_added", "domain_requested", "domain_validated",
            "collect_sensitive_data_audit_logs_enabled", "collect_sensitive_data_audit_logs_disabled", "sso_idp_metadata_set",
            "sso_service_provider_url_set", "sso_enabled", "sso_disabled", "contact_email_changed",
            "master_password_mobile_reset_enabled", "two_factor_authentication_login_method_added",
            "two_factor_authentication_login_method_removed", "user_invited", "user_removed", "team_captain_added",
            "team_captain_removed", "group_manager_added", "group_manager_removed", "user_reinvited", "billing_admin_added",
            "billing_admin_removed", "user_shared_credential_with_group", "user_shared_credential_with_email",
            "user_shared_credential_with_external", "user_accepted_sharing_invite_credential",
            "user_rejected_sharing_invite_credential", "user_revoked_shared_credential_group",
            "user_revoked_shared_credential_external", "user_revoked_shared_credential_email", "user_created_credential",
            "user_modified_credential", "user_deleted_credential",
        ];

        Assert.All(documented, type => Assert.NotNull(DashlaneLogTypes.BuiltIn.Find(type)?.Message));
    }

    [Theory]
    [InlineData("groupName", "group_name")]
    [InlineData("oldGroupName", "old_group_name")]
    [InlineData("email", "email")]
    public void SnakeCase_ConvertsCamelCasePlaceholders(string placeholder, string expected)
    {
        Assert.Equal(expected, DashlaneLogTypes.SnakeCase(placeholder));
    }

    private static AuditEvent Map(byte[] line)
    {
        using var log = DashlaneLogLine.Parse(line);
        return Mapper.Map(log);
    }

    private static string Section(AuditEvent mapped, string name) =>
        Encoding.UTF8.GetString(mapped.Sections.Single(s => s.Name == name).Json.Span);

    private static byte[][] Lines(string file) =>
        [.. Fixtures.Text("dashlane/logs/" + file).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Encoding.UTF8.GetBytes)];

    /// <summary>The 1-based line <paramref name="number"/> of a fixture.</summary>
    private static byte[] Line(string file, int number) => Lines(file)[number - 1];

    private static byte[] LineOfType(string file, string logType) =>
        Lines(file).Single(l => Encoding.UTF8.GetString(l).Contains($"\"log_type\":\"{logType}\"", StringComparison.Ordinal));
}
