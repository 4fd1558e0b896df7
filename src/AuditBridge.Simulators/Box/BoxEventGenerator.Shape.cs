namespace AuditBridge.Simulators.Box;

public sealed partial class BoxEventGenerator
{
    // Variant frequencies per 100 events; every variant has a weight of at least 2, so each shows up many times in the
    // first few thousand events whatever the seed.
    private static readonly ActorShape[] ActorTable = WeightedTable.Of(
        (ActorShape.EnterpriseUser, 60), (ActorShape.Admin, 16), (ActorShape.ExternalUser, 7), (ActorShape.ServiceAccount, 7), (ActorShape.Anonymous, 10));

    private static readonly SourceShape[] ContentSources = WeightedTable.Of(
        (SourceShape.FullFile, 35), (SourceShape.FullFolder, 15), (SourceShape.ItemFile, 35), (SourceShape.ItemFolder, 10), (SourceShape.WebLink, 5));

    private static readonly SourceShape[] SharingSources = WeightedTable.Of(
        (SourceShape.FullFile, 30), (SourceShape.FullFolder, 20), (SourceShape.ItemFile, 30), (SourceShape.ItemFolder, 10), (SourceShape.WebLink, 10));

    private static readonly SourceShape[] LoginSources = WeightedTable.Of((SourceShape.User, 80), (SourceShape.None, 20));

    private static readonly SourceShape[] CollaborationSources = WeightedTable.Of((SourceShape.Collaboration, 70), (SourceShape.ItemFolder, 30));

    private static readonly SourceShape[] GroupItemSources = WeightedTable.Of((SourceShape.FullFolder, 60), (SourceShape.ItemFolder, 40));

    private static readonly SourceShape[] SecuritySources = WeightedTable.Of((SourceShape.FullFile, 40), (SourceShape.ItemFile, 40), (SourceShape.None, 20));

    private static readonly SourceShape[] AppSources = WeightedTable.Of((SourceShape.AppItem, 25), (SourceShape.Generic, 35), (SourceShape.None, 40));

    private static readonly SourceShape[] AdminSources = WeightedTable.Of((SourceShape.Generic, 50), (SourceShape.None, 50));

    private static readonly SourceShape[] GovernanceSources = WeightedTable.Of((SourceShape.Generic, 60), (SourceShape.ItemFile, 20), (SourceShape.None, 20));

    private static readonly SourceShape[] SignSources = WeightedTable.Of((SourceShape.ItemFile, 70), (SourceShape.FullFile, 30));

    // 0 IPv4, 1 IPv6, 2 "Unknown IP", 3 empty, 4 absent.
    private static readonly int[] IpTable = WeightedTable.Of((0, 70), (1, 15), (2, 5), (3, 5), (4, 5));

    // Index into Offsets: mostly US-Pacific, as Box usually writes times.
    private static readonly int[] OffsetTable = WeightedTable.Of((0, 30), (1, 20), (2, 10), (3, 10), (4, 10), (5, 10), (6, 10));

    internal BoxEventShape ComputeShape(long index)
    {
        var hash = DeterministicHash.Of(_eventKey, index);
        var actorHash = DeterministicHash.Mix(hash ^ 0xA1);
        var sourceHash = DeterministicHash.Mix(hash ^ 0xA2);
        var otherHash = DeterministicHash.Mix(hash ^ 0xA3);
        var type = TypeOf(index);
        var family = BoxEventTypeList.All[type].Family;
        var shape = new BoxEventShape
        {
            Type = type,
            Family = family,
            Hostile = IsHostile(index) ? HostileTurn(index, BoxHostileValues.All.Length) : -1,
            Actor = ActorTable[DeterministicHash.High(actorHash, ActorTable.Length)],
            Source = SourceTable(family) is { } table ? table[DeterministicHash.High(sourceHash, table.Length)] : SourceFor(family),
            SourceUserRef = DeterministicHash.Low(sourceHash, BoxDatasetPools.EnterpriseUserCount + BoxDatasetPools.ExternalUserCount),
            OwnerRef = Pick(sourceHash, 7, BoxDatasetPools.EnterpriseUserCount),
            FolderRef = Pick(sourceHash, 13, _pools.Folders.Length),
            FileRef = Pick(sourceHash, 19, _pools.FileNamesPool.Length),
            GroupRef = Pick(sourceHash, 23, _pools.Groups.Length),
            AccessibleBy = family switch
            {
                EventFamily.Collaboration => DeterministicHash.Low(otherHash, 10) < 7 ? 1 : 2,
                EventFamily.GroupMembership => 1,
                EventFamily.GroupItem => 2,
                _ => 0,
            },
            AccessibleRef = Pick(otherHash, 5, BoxDatasetPools.EnterpriseUserCount + BoxDatasetPools.ExternalUserCount),
            Ip = IpTable[DeterministicHash.High(otherHash, IpTable.Length)],
            HasSession = Pick(otherHash, 11, 10) < 6,
            ActionBy = Pick(otherHash, 17, 10) switch { < 7 => 1, < 9 => 0, _ => 2 },
            HasRecordedAt = Pick(otherHash, 23, 10) < 7,
            Offset = OffsetTable[Pick(otherHash, 29, OffsetTable.Length)],
            IsUuid = Pick(otherHash, 37, 10) < 4,
            Hash = hash,
        };

        // Administration is done by admins (or apps); an anonymous visitor only views, downloads or fails to sign in.
        if (family is EventFamily.User or EventFamily.Group or EventFamily.GroupMembership or EventFamily.GroupItem or EventFamily.Admin or EventFamily.Governance
            && shape.Actor != ActorShape.ServiceAccount)
        {
            shape.Actor = ActorShape.Admin;
        }
        else if (shape.Actor == ActorShape.Anonymous && family is not (EventFamily.Content or EventFamily.Sharing or EventFamily.Login))
        {
            shape.Actor = ActorShape.EnterpriseUser;
        }

        shape.ActorRef = shape.Actor switch
        {
            ActorShape.EnterpriseUser => DeterministicHash.Low(actorHash, BoxDatasetPools.EnterpriseUserCount),
            ActorShape.Admin => DeterministicHash.Low(actorHash, BoxDatasetPools.AdminCount),
            ActorShape.ExternalUser => BoxDatasetPools.EnterpriseUserCount + DeterministicHash.Low(actorHash, BoxDatasetPools.ExternalUserCount),
            ActorShape.ServiceAccount => DeterministicHash.Low(actorHash, _pools.ServiceAccounts.Length),
            _ => 0,
        };

        // Events with details: the kind of payload each family carries; about one in five arrives as a string of JSON.
        var hasDetails = family is EventFamily.Content or EventFamily.Sharing or EventFamily.Collaboration or EventFamily.ShieldAlert
            or EventFamily.Security or EventFamily.App or EventFamily.Admin or EventFamily.Governance or EventFamily.Sign
            || (family == EventFamily.User && BoxEventTypeList.All[type].Type == "CHANGE_ADMIN_ROLE");
        shape.Details = hasDetails
            ? Pick(otherHash, 41, 5) == 0 ? 3 : 2
            : Pick(otherHash, 41, 10) < 6 ? 1 : 0;

        if (shape.Hostile >= 0)
        {
            // Hostile values need somewhere to live: a named actor, a file with a path, and details.
            shape.Actor = ActorShape.EnterpriseUser;
            shape.ActorRef = DeterministicHash.Low(actorHash, BoxDatasetPools.EnterpriseUserCount);
            shape.Source = SourceShape.FullFile;
            shape.Details = 2;
        }

        return shape;
    }

    /// <summary>A uniform choice in [0, n) from its own mix of <paramref name="hash"/>, independent of the other choices.</summary>
    private static int Pick(ulong hash, ulong salt, int n) => DeterministicHash.Low(DeterministicHash.Mix(hash ^ (salt * 0x9E3779B97F4A7C15)), n);

    private static SourceShape[]? SourceTable(EventFamily family) => family switch
    {
        EventFamily.Content => ContentSources,
        EventFamily.Sharing => SharingSources,
        EventFamily.Login => LoginSources,
        EventFamily.Collaboration => CollaborationSources,
        EventFamily.GroupItem => GroupItemSources,
        EventFamily.Security => SecuritySources,
        EventFamily.App => AppSources,
        EventFamily.Admin => AdminSources,
        EventFamily.Governance => GovernanceSources,
        EventFamily.Sign => SignSources,
        _ => null,
    };

    private static SourceShape SourceFor(EventFamily family) => family switch
    {
        EventFamily.User => SourceShape.User,
        EventFamily.Group or EventFamily.GroupMembership => SourceShape.Group,
        _ => SourceShape.None,
    };

}
