using AuditBridge.Events.Severity;
using AuditBridge.Sources.Box;

namespace AuditBridge.Connectors.Tests.Sources.Box;

public sealed class BoxEventTypesTests
{
    private static readonly string[] Categories =
    [
        "login", "user_management", "group_management", "file_operations", "sharing", "collaboration", "security",
        "admin", "governance", "application", "workflow", "metadata", "task", "comment", "sign",
    ];

    [Fact]
    public void Table_HoldsEveryTypeOfBoxsOpenApiEnum_EachInADocumentedCategory()
    {
        var types = BoxEventTypes.Instance;

        Assert.Equal(201, types.Count);
        Assert.All(types.Names, name => Assert.Contains(types.CategoryOf(name), Categories));
        Assert.Equal(Categories.Order(StringComparer.Ordinal), types.Names.Select(types.CategoryOf).Distinct().Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("ADMIN_LOGIN", "login", "Admin login")]
    [InlineData("SHIELD_ALERT", "security", "Shield detected an anomalous download, session, location, or malicious content based on enterprise Shield rules. See shield alert events for more information.")]
    [InlineData("ADD_LOGIN_ACTIVITY_DEVICE", "login", "A user is logging in from a device we haven’t seen before")]
    [InlineData("GROUP_ADD_ITEM", "group_management", "Folders were added to a group in the Admin console.")]
    [InlineData("SIGN_DOCUMENT_COMPLETED", "sign", null)]
    [InlineData("EDR_CROWDSTRIKE_DEVICE_DETECTED", "security", null)]
    public void Table_GivesCategoryAndBoxsDescription(string type, string category, string? description)
    {
        Assert.Equal(category, BoxEventTypes.Instance.CategoryOf(type));
        Assert.Equal(description, BoxEventTypes.Instance.DescriptionOf(type));
    }

    [Fact]
    public void Table_DescribesExactlyTheTypesOfBoxsEnterpriseEventTable()
    {
        var described = BoxEventTypes.Instance.Names.Count(name => BoxEventTypes.Instance.DescriptionOf(name) is not null);

        Assert.Equal(92, described);
    }

    [Fact]
    public void BuiltInSeverity_CoversEveryCategory_AndLeavesOtherToTheDefault()
    {
        var policy = SeverityPolicy.BuiltIn.WithDefaultSeverity(10);

        Assert.All(Categories, category => Assert.NotEqual(10, policy.Resolve("box", category, "SOME_TYPE")));
        Assert.Equal(10, policy.Resolve("box", "other", "NEW_TYPE_NOT_IN_THE_TABLE"));
    }

    [Theory]
    [InlineData("ADMIN_LOGIN", 9)]
    [InlineData("CHANGE_ADMIN_ROLE", 9)]
    [InlineData("FILE_MARKED_MALICIOUS", 9)]
    [InlineData("SHIELD_ALERT", 8)]
    [InlineData("APPLICATION_PUBLIC_KEY_ADDED", 8)]
    [InlineData("DATA_RETENTION_REMOVE_RETENTION", 8)]
    [InlineData("LEGAL_HOLD_POLICY_DELETE", 8)]
    [InlineData("EXTERNAL_COLLAB_SECURITY_SETTINGS", 8)]
    [InlineData("DELETE_USER", 7)]
    [InlineData("FAILED_LOGIN", 7)]
    [InlineData("DEVICE_TRUST_CHECK_FAILED", 7)]
    [InlineData("CONTENT_WORKFLOW_UPLOAD_POLICY_VIOLATION", 7)]
    [InlineData("CONTENT_WORKFLOW_SHARING_POLICY_VIOLATION", 7)]
    public void BuiltInSeverity_RaisesHighRiskTypesAboveTheirCategory(string type, int expected)
    {
        var category = BoxEventTypes.Instance.CategoryOf(type);

        var severity = SeverityPolicy.BuiltIn.Resolve("box", category, type);

        Assert.Equal(expected, severity);
        Assert.True(severity >= SeverityPolicy.BuiltIn.Resolve("box", category, "ANY_OTHER_TYPE"), $"{type} is below its category {category}");
    }
}
