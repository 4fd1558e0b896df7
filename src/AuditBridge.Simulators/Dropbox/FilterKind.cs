namespace AuditBridge.Simulators.Dropbox;

/// <summary>Which of the mutually exclusive type filters a query carries.</summary>
internal enum FilterKind : byte
{
    None,
    Category,
    EventType,
}
