namespace AuditBridge.Simulators.Dropbox;

internal enum TokenStatus
{
    Invalid,
    Valid,
    Expired,
}
