namespace AuditBridge.Simulators.Dropbox;

/// <summary>Event types whose <c>details</c> the dataset fills with realistic fields; all others carry the tag only.</summary>
internal enum DetailsKind : byte
{
    TagOnly,
    LoginSuccess,
    LoginFail,
    TfaChangeStatus,
    MemberChangeAdminRole,
    MemberChangeEmail,
    MemberChangeStatus,
    SharedLinkCreate,
    AppLinkTeam,
    AppLinkUser,
    SharedContentDownload,
    GroupRename,
}
