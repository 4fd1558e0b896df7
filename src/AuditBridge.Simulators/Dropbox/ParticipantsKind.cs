namespace AuditBridge.Simulators.Dropbox;

/// <summary>What the <c>participants</c> list holds (A.9.4).</summary>
internal enum ParticipantsKind : byte
{
    Absent,
    Empty,
    User,
    Group,
    Several,
}
