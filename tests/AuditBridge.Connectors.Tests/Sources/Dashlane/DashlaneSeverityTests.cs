using AuditBridge.Events.Severity;

namespace AuditBridge.Connectors.Tests.Sources.Dashlane;

/// <summary>The built-in policy's Dashlane section (severity-defaults.json, docs/formats/severity.md).</summary>
public sealed class DashlaneSeverityTests
{
    [Theory]
    [InlineData("team_settings_sso", "sso_disabled", 9)]
    [InlineData("team_settings_sso", "sso_enabled", 8)]
    [InlineData("users", "team_captain_added", 9)]
    [InlineData("users", "user_invited", 6)]
    [InlineData("user_settings_accountrecovery", "master_password_reset_accepted", 9)]
    [InlineData("sharing", "user_shared_credential_with_external", 8)]
    [InlineData("sharing", "user_shared_credential_with_group", 5)]
    [InlineData("team_settings_policies", "collect_sensitive_data_audit_logs_disabled", 8)]
    [InlineData("dark_web_monitoring", "dwm_alert_received", 7)]
    [InlineData("nudges", "nudge_executed", 2)]
    public void BuiltIn_Dashlane_RaisesHighRiskTypesAboveTheirCategory(string category, string logType, int expected)
    {
        Assert.Equal(expected, SeverityPolicy.BuiltIn.Resolve("dashlane", category, logType));
    }

    [Fact]
    public void BuiltIn_DashlaneCategoryNotListed_TakesTheConfiguredDefaultSeverity()
    {
        var policy = SeverityPolicy.BuiltIn.WithDefaultSeverity(2);

        Assert.Equal(2, policy.Resolve("dashlane", "a_category_dashlane_adds_later", "some_new_type"));
        Assert.Equal(8, policy.Resolve("dashlane", "team_settings_scim", "scim_token_regenerated"));
    }
}
