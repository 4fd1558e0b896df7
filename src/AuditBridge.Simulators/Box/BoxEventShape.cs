namespace AuditBridge.Simulators.Box;

/// <summary>The variant choices of one event, computed from (seed, index) alone.</summary>
internal struct BoxEventShape
{
    public int Type;
    public EventFamily Family;
    /// <summary>Index into <see cref="BoxHostileValues.All"/>, or -1.</summary>
    public int Hostile;
    public ActorShape Actor;
    public int ActorRef;
    public SourceShape Source;
    public int SourceUserRef;
    public int OwnerRef;
    public int FolderRef;
    public int FileRef;
    public int GroupRef;
    /// <summary>0 absent, 1 a user, 2 a group.</summary>
    public int AccessibleBy;
    public int AccessibleRef;
    /// <summary>0 absent, 1 null, 2 an object, 3 a string holding JSON.</summary>
    public int Details;
    /// <summary>0 IPv4, 1 IPv6, 2 "Unknown IP", 3 empty, 4 absent.</summary>
    public int Ip;
    public bool HasSession;
    /// <summary>0 absent, 1 null, 2 an admin.</summary>
    public int ActionBy;
    public bool HasRecordedAt;
    public int Offset;
    public bool IsUuid;
    public ulong Hash;
}
