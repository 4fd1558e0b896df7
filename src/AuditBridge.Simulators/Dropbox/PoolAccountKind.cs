namespace AuditBridge.Simulators.Dropbox;

/// <summary>The <c>UserLogInfo</c> subtype of a pooled account.</summary>
internal enum PoolAccountKind : byte
{
    TeamMember,
    NonTeamMember,
    TrustedNonTeamMember,
}
