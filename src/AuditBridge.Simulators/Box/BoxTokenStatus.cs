namespace AuditBridge.Simulators.Box;

internal enum BoxTokenStatus
{
    Invalid,
    Valid,
    Expired,
}
