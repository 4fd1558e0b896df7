namespace AuditBridge.Simulators.Dropbox;

/// <summary>The <c>ContextLogInfo</c> variants (A.9.2), plus "no context".</summary>
internal enum ContextKind : byte
{
    Absent,
    TeamMember,
    NonTeamMember,
    TrustedNonTeamMember,
    OrganizationTeam,
    Team,
    Anonymous,
}
