using AuditBridge.Events.Severity;

namespace AuditBridge.Core.Tests.Events.Severity;

public sealed class SeverityPolicyTests
{
    /// <summary>The seed script's table (shared/reference/peers.md §1.2), row for row.</summary>
    public static TheoryData<string, int> SeedTable => new()
    {
        { "comments", 0 },
        { "paper", 1 },
        { "showcase", 1 },
        { "file_requests", 2 },
        { "file_operations", 3 },
        { "devices", 4 },
        { "sharing", 4 },
        { "team_profile", 5 },
        { "apps", 5 },
        { "groups", 5 },
        { "domains", 6 },
        { "team_folders", 6 },
        { "logins", 6 },
        { "members", 6 },
        { "passwords", 7 },
        { "reports", 7 },
        { "sso", 7 },
        { "trusted_teams", 7 },
        { "team_policies", 9 },
        { "tfa", 9 },
    };

    public static TheoryData<string, string, int> HighRiskEventTypes => new()
    {
        { "logins", "sign_in_as_session_start", 9 },
        { "tfa", "tfa_change_status", 9 },
        { "team_policies", "tfa_change_policy", 9 },
        { "tfa", "tfa_reset", 9 },
        { "members", "member_change_admin_role", 9 },
        { "sharing", "shared_folder_transfer_ownership", 7 },
        { "domains", "account_capture_relinquish_account", 7 },
        { "team_policies", "sso_change_policy", 9 },
        { "apps", "app_link_team", 8 },
        { "members", "member_permanently_delete_account_contents", 9 },
        { "passwords", "password_reset_all", 8 },
        { "encryption", "team_encryption_key_delete_key", 10 },
        { "admin_alerting", "admin_alerting_triggered_alert", 8 },
        { "admin_alerting", "ransomware_restore_process_started", 9 },
    };

    [Theory]
    [MemberData(nameof(SeedTable))]
    public void Resolve_DropboxCategory_IsTheSeedTableValue(string category, int expected)
    {
        var severity = SeverityPolicy.BuiltIn.Resolve("dropbox", category, "some_event_without_override");

        Assert.Equal(expected, severity);
    }

    [Fact]
    public void BuiltIn_DropboxCategories_AreExactlyTheSeedTable()
    {
        var unknown = new[] { "admin_alerting", "dash", "data_governance", "encryption", "protect", "signatures", "a_future_category" };

        var withDefaultOne = SeverityPolicy.BuiltIn.WithDefaultSeverity(1);

        Assert.All(unknown, category => Assert.Equal(1, withDefaultOne.Resolve("dropbox", category, "x")));
        Assert.All(SeedTable, row => Assert.Equal(row.Data.Item2, withDefaultOne.Resolve("dropbox", row.Data.Item1, "x")));
    }

    [Theory]
    [InlineData("admin_alerting")]
    [InlineData("dash")]
    [InlineData("data_governance")]
    [InlineData("encryption")]
    [InlineData("protect")]
    [InlineData("signatures")]
    [InlineData("category_added_next_year")]
    public void Resolve_DropboxCategoryMissingFromTheSeed_IsTheDefaultFive(string category)
    {
        var severity = SeverityPolicy.BuiltIn.Resolve("dropbox", category, "some_event");

        Assert.Equal(5, severity);
    }

    [Theory]
    [MemberData(nameof(HighRiskEventTypes))]
    public void Resolve_HighRiskDropboxEventType_WinsOverItsCategoryAndIsAtLeastSeven(string category, string action, int expected)
    {
        var severity = SeverityPolicy.BuiltIn.Resolve("dropbox", category, action);

        Assert.Equal(expected, severity);
        Assert.InRange(severity, 7, 10);
    }

    [Theory]
    [InlineData("box", "anything", "DOWNLOAD", 5)]
    [InlineData("dashlane", "anything", "user_device_added", 5)]
    [InlineData("okta", "anything", "anything", 5)]
    [InlineData(null, null, null, 5)]
    [InlineData("DROPBOX", "TFA", "other", 9)]
    public void Resolve_Row_FallsBackInOrder(string? vendor, string? category, string? action, int expected)
    {
        var severity = SeverityPolicy.BuiltIn.Resolve(vendor, category, action);

        Assert.Equal(expected, severity);
    }

    [Fact]
    public void WithDefaultSeverity_ChangesOnlyTheFallback()
    {
        var policy = SeverityPolicy.BuiltIn.WithDefaultSeverity(2);

        Assert.Equal(2, policy.DefaultSeverity);
        Assert.Equal(2, policy.Resolve("dropbox", "protect", "x"));
        Assert.Equal(2, policy.Resolve("unknown-vendor", "x", "x"));
        Assert.Equal(9, policy.Resolve("dropbox", "tfa", "x"));
        Assert.Equal(5, SeverityPolicy.BuiltIn.DefaultSeverity);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(11)]
    public void WithDefaultSeverity_OutOfRange_Throws(int severity)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SeverityPolicy.BuiltIn.WithDefaultSeverity(severity));
    }

    [Fact]
    public void WithJson_VendorDefaultNull_FallsThroughToTheGlobalDefault()
    {
        var policy = SeverityPolicy.BuiltIn.WithJson("""{"vendors":{"box":{"default":null}}}"""u8, "inline").WithDefaultSeverity(2);

        Assert.Equal(2, policy.Resolve("box", "x", "y"));
    }

    [Fact]
    public void WithJson_WithByteOrderMark_IsRead()
    {
        byte[] json = [0xEF, 0xBB, 0xBF, .. """{"default":3}"""u8];

        var policy = SeverityPolicy.BuiltIn.WithJson(json, "bom.json");

        Assert.Equal(3, policy.DefaultSeverity);
    }

    [Fact]
    public void WithFile_Malformed_LeavesTheOriginalPolicyUnchanged()
    {
        var before = SeverityPolicy.BuiltIn.Resolve("dropbox", "sharing", "x");

        Assert.Throws<SeverityPolicyException>(() => SeverityPolicy.BuiltIn.WithJson("""{"vendors":{"dropbox":{"categories":{"sharing":1,"tfa":99}}}}"""u8, "x.json"));

        Assert.Equal(before, SeverityPolicy.BuiltIn.Resolve("dropbox", "sharing", "x"));
    }

    [Fact]
    public void BuiltIn_ListsTheThreeVendors()
    {
        Assert.Equal(["box", "dashlane", "dropbox"], SeverityPolicy.BuiltIn.Vendors.Order(StringComparer.Ordinal));
    }
}
