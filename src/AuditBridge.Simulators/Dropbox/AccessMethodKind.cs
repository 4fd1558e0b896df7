namespace AuditBridge.Simulators.Dropbox;

/// <summary>The <c>AccessMethodLogInfo</c> variants (A.9.3).</summary>
internal enum AccessMethodKind : byte
{
    EndUserWeb,
    EndUserDesktop,
    EndUserMobile,
    AdminConsole,
    Api,
    ContentManager,
    EnterpriseConsole,
    SignInAs,
}
