namespace AuditBridge.Simulators.Dropbox;

/// <summary>The <c>ActorLogInfo</c> variants the dataset produces (A.9.1), plus "no actor".</summary>
internal enum ActorKind : byte
{
    None,
    UserTeamMember,
    UserNonTeamMember,
    UserTrustedNonTeamMember,
    Admin,
    AppTeamLinked,
    AppUserLinked,
    AppUserOrTeamLinked,
    Reseller,
    Dropbox,
    Anonymous,
}
