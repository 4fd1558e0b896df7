namespace AuditBridge.Simulators.Dropbox;

/// <summary>
/// The variant choices of one event, computed from (seed, index) alone. Account filtering reads the shape
/// without writing JSON, which keeps sparse <c>account_id</c> scans cheap.
/// </summary>
internal struct EventShape
{
    public int Type;
    public bool IsHostile;
    public ActorKind Actor;
    public int ActorRef;
    public ContextKind Context;
    public int ContextRef;
    public ParticipantsKind Participants;
    public int ParticipantAccount;
    public int SecondParticipantAccount;
    public int Group;
    public AssetsKind Assets;
    public int FileRef;
    public int FolderRef;
    public int DocumentRef;
    public OriginKind Origin;
    public AccessMethodKind Access;
    public int Place;
    public bool InvolvesNonTeamMember;
    public bool HasMissingDetails;
    public bool HasPrefixedDescription;
    public ulong OriginHash;
    public ulong AssetHash;
    public ulong DetailHash;
}
