namespace AuditBridge.Simulators.Box;

/// <summary>Who <c>created_by</c> is.</summary>
internal enum ActorShape
{
    EnterpriseUser,
    Admin,
    ExternalUser,
    ServiceAccount,

    /// <summary>Box's anonymous user: id <c>"2"</c>, "Unknown User", empty login.</summary>
    Anonymous,
}
