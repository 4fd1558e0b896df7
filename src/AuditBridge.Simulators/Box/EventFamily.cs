namespace AuditBridge.Simulators.Box;

/// <summary>Which event types share plausible shapes (source, accessible_by, additional_details) in the dataset.</summary>
internal enum EventFamily
{
    Login,
    User,
    GroupMembership,
    Group,
    GroupItem,
    Content,
    Sharing,
    Collaboration,
    ShieldAlert,
    Security,
    App,
    Admin,
    Governance,
    Sign,
}
