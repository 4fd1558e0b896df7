namespace AuditBridge.Simulators.Dropbox;

/// <summary>The faults only Dropbox's cursors have; both apply to <c>continue</c> alone.</summary>
internal enum DropboxFaultKind
{
    None,
    ResetCursor,
    BadCursor,
}
