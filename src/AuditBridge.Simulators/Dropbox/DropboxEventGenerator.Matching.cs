namespace AuditBridge.Simulators.Dropbox;

public sealed partial class DropboxEventGenerator
{
    // Variant frequencies per 100 events. Every variant has a weight of at least 2, so each one shows up
    // many times in the first few thousand events whatever the seed.
    private static readonly ActorKind[] ActorTable = WeightedTable.Of(
        (ActorKind.UserTeamMember, 38), (ActorKind.UserNonTeamMember, 5), (ActorKind.UserTrustedNonTeamMember, 3),
        (ActorKind.Admin, 14), (ActorKind.AppTeamLinked, 4), (ActorKind.AppUserLinked, 3), (ActorKind.AppUserOrTeamLinked, 2),
        (ActorKind.Reseller, 2), (ActorKind.Dropbox, 13), (ActorKind.Anonymous, 10), (ActorKind.None, 6));

    private static readonly ContextKind[] ContextTable = WeightedTable.Of(
        (ContextKind.TeamMember, 50), (ContextKind.NonTeamMember, 6), (ContextKind.TrustedNonTeamMember, 4),
        (ContextKind.OrganizationTeam, 4), (ContextKind.Team, 24), (ContextKind.Anonymous, 6), (ContextKind.Absent, 6));

    private static readonly ParticipantsKind[] ParticipantsTable = WeightedTable.Of(
        (ParticipantsKind.Absent, 40), (ParticipantsKind.Empty, 25), (ParticipantsKind.User, 15),
        (ParticipantsKind.Group, 12), (ParticipantsKind.Several, 8));

    private static readonly AssetsKind[] AssetsTable = WeightedTable.Of(
        (AssetsKind.Absent, 30), (AssetsKind.Empty, 15), (AssetsKind.File, 25), (AssetsKind.Folder, 10),
        (AssetsKind.PaperDocument, 7), (AssetsKind.PaperFolder, 4), (AssetsKind.ShowcaseDocument, 4), (AssetsKind.Several, 5));

    private static readonly OriginKind[] OriginTable = WeightedTable.Of(
        (OriginKind.Absent, 6), (OriginKind.GeoIPv4, 60), (OriginKind.GeoIPv6, 18), (OriginKind.NoGeo, 16));

    private static readonly AccessMethodKind[] AccessTable = WeightedTable.Of(
        (AccessMethodKind.EndUserWeb, 30), (AccessMethodKind.EndUserDesktop, 20), (AccessMethodKind.EndUserMobile, 12),
        (AccessMethodKind.AdminConsole, 12), (AccessMethodKind.Api, 14), (AccessMethodKind.ContentManager, 4),
        (AccessMethodKind.EnterpriseConsole, 4), (AccessMethodKind.SignInAs, 4));

    private readonly int[] _typeOfResidue;
    private readonly int[] _residueOfType;
    private readonly int[][] _categoryResidues;
    private readonly int[][] _categoryNext;

    /// <summary>
    /// Collects up to <paramref name="maxCount"/> matching indexes from <paramref name="from"/> below <paramref name="upper"/>,
    /// and looks one match further to answer <c>has_more</c> exactly. <paramref name="budget"/> bounds the candidates examined,
    /// so a sparse <c>account_id</c> filter costs a bounded amount per request and reports has_more=true when it stops early.
    /// </summary>
    internal ScanResult Scan(in EventFilter filter, long from, long upper, Span<long> found, int maxCount, int budget)
    {
        var bound = Math.Min(upper, filter.EndIndex);
        var candidate = Math.Max(from, filter.StartIndex);
        var count = 0;
        while (true)
        {
            candidate = NextCandidate(filter, candidate);
            if (candidate >= bound)
            {
                return new ScanResult(count, Math.Max(bound, Math.Max(from, filter.StartIndex)), HasMore: false);
            }

            if (budget-- <= 0)
            {
                return new ScanResult(count, candidate, HasMore: true);
            }

            if (filter.Account == EventFilter.NoAccount || Involves(candidate, filter.Account))
            {
                if (count == maxCount)
                {
                    return new ScanResult(count, candidate, HasMore: true);
                }

                found[count++] = candidate;
            }

            candidate++;
        }
    }

    /// <summary>The smallest index at or after <paramref name="index"/> whose type passes the category or type filter.</summary>
    internal long NextCandidate(in EventFilter filter, long index)
    {
        var cycle = _typeOfResidue.Length;
        switch (filter.Kind)
        {
            case FilterKind.EventType:
            {
                var target = _residueOfType[filter.Value];
                var block = index / cycle;
                var residue = (int)(index % cycle);
                return residue <= target ? (block * cycle) + target : ((block + 1) * cycle) + target;
            }

            case FilterKind.Category:
            {
                var residues = _categoryResidues[filter.Value];
                var block = index / cycle;
                var next = _categoryNext[filter.Value][(int)(index % cycle)];
                return next < residues.Length ? (block * cycle) + residues[next] : ((block + 1) * cycle) + residues[0];
            }

            default:
                return index;
        }
    }

    /// <summary>Whether <paramref name="account"/> is the actor, the context or a participant of event <paramref name="index"/>.</summary>
    internal bool Involves(long index, int account)
    {
        var shape = ComputeShape(index);
        var actorIsUser = shape.Actor is ActorKind.UserTeamMember or ActorKind.UserNonTeamMember or ActorKind.UserTrustedNonTeamMember or ActorKind.Admin;
        if (actorIsUser && shape.ActorRef == account)
        {
            return true;
        }

        if (shape.Context is ContextKind.TeamMember or ContextKind.NonTeamMember or ContextKind.TrustedNonTeamMember && shape.ContextRef == account)
        {
            return true;
        }

        return shape.Participants switch
        {
            ParticipantsKind.User => shape.ParticipantAccount == account,
            ParticipantsKind.Several => shape.ParticipantAccount == account || shape.SecondParticipantAccount == account,
            _ => false,
        };
    }

    internal EventShape ComputeShape(long index)
    {
        var actorHash = DeterministicHash.Of(_eventKey, index);
        var contextHash = DeterministicHash.Mix(actorHash ^ 0xC0);
        var participantHash = DeterministicHash.Mix(actorHash ^ 0xC1);
        var assetHash = DeterministicHash.Mix(actorHash ^ 0xC2);
        var originHash = DeterministicHash.Mix(actorHash ^ 0xC3);
        var detailHash = DeterministicHash.Mix(actorHash ^ 0xC4);
        var shape = new EventShape
        {
            Type = TypeOf(index),
            IsHostile = IsHostile(index),
            Actor = ActorTable[DeterministicHash.High(actorHash, ActorTable.Length)],
            Context = ContextTable[DeterministicHash.High(contextHash, ContextTable.Length)],
            Participants = ParticipantsTable[DeterministicHash.High(participantHash, ParticipantsTable.Length)],
            ParticipantAccount = DeterministicHash.Low(participantHash, DatasetPools.AccountCount),
            SecondParticipantAccount = DeterministicHash.Low(participantHash ^ 0x5A5A5A5A, DatasetPools.TeamMemberCount),
            Group = DeterministicHash.Low(participantHash >> 7, _pools.GroupJson.Length),
            Assets = AssetsTable[DeterministicHash.High(assetHash, AssetsTable.Length)],
            FileRef = DeterministicHash.Low(assetHash, _pools.Files.Length),
            FolderRef = DeterministicHash.Low(assetHash >> 5, _pools.Folders.Length),
            DocumentRef = DeterministicHash.Low(assetHash >> 11, 4),
            Origin = OriginTable[DeterministicHash.High(originHash, OriginTable.Length)],
            Access = AccessTable[DeterministicHash.Low(originHash, AccessTable.Length)],
            OriginHash = originHash,
            AssetHash = assetHash,
            DetailHash = detailHash,
            HasPrefixedDescription = DeterministicHash.High(detailHash, 8) == 0,
        };

        if (shape.IsHostile)
        {
            // Hostile values need somewhere to live: a named actor, a group, a file and an origin.
            shape.Actor = ActorKind.UserTeamMember;
            shape.Participants = ParticipantsKind.Group;
            shape.Assets = AssetsKind.File;
            shape.Origin = OriginKind.GeoIPv4;
        }

        shape.ActorRef = shape.Actor switch
        {
            ActorKind.UserTeamMember => DeterministicHash.Low(actorHash, DatasetPools.TeamMemberCount),
            ActorKind.UserNonTeamMember => DatasetPools.FirstNonTeamMember + DeterministicHash.Low(actorHash, DatasetPools.NonTeamMemberCount),
            ActorKind.UserTrustedNonTeamMember => DatasetPools.FirstTrustedNonTeamMember + DeterministicHash.Low(actorHash, DatasetPools.TrustedNonTeamMemberCount),
            ActorKind.Admin => DeterministicHash.Low(actorHash, DatasetPools.AdminCount),
            ActorKind.AppTeamLinked => DeterministicHash.Low(actorHash, 2),
            ActorKind.AppUserLinked => 2 + DeterministicHash.Low(actorHash, 2),
            ActorKind.AppUserOrTeamLinked => 4 + DeterministicHash.Low(actorHash, 2),
            ActorKind.Reseller => DeterministicHash.Low(actorHash, _pools.ResellerActorJson.Length),
            _ => 0,
        };

        shape.ContextRef = shape.Context switch
        {
            // A member usually acts on their own behalf; admins act on someone else's.
            ContextKind.TeamMember when shape.Actor == ActorKind.UserTeamMember && DeterministicHash.Low(contextHash, 10) < 7 => shape.ActorRef,
            ContextKind.TeamMember => DeterministicHash.Low(contextHash, DatasetPools.TeamMemberCount),
            ContextKind.NonTeamMember => DatasetPools.FirstNonTeamMember + DeterministicHash.Low(contextHash, DatasetPools.NonTeamMemberCount),
            ContextKind.TrustedNonTeamMember => DatasetPools.FirstTrustedNonTeamMember + DeterministicHash.Low(contextHash, DatasetPools.TrustedNonTeamMemberCount),
            _ => 0,
        };

        // Events carry no id, so clients dedupe by content hash: every event needs an index-derived value.
        // The origin's session or request id provides one; without an origin, a file id does.
        if (shape.Origin == OriginKind.Absent && shape.Assets is not (AssetsKind.File or AssetsKind.Folder or AssetsKind.Several))
        {
            shape.Assets = AssetsKind.File;
        }

        shape.Place = shape.Origin == OriginKind.GeoIPv6
            ? DeterministicHash.Low(originHash >> 3, _pools.PlacesV6.Length)
            : DeterministicHash.Low(originHash >> 3, _pools.PlacesV4.Length);

        shape.InvolvesNonTeamMember =
            shape.Actor is ActorKind.UserNonTeamMember or ActorKind.UserTrustedNonTeamMember
            || shape.Context is ContextKind.NonTeamMember or ContextKind.TrustedNonTeamMember
            || (shape.Participants is ParticipantsKind.User or ParticipantsKind.Several && shape.ParticipantAccount >= DatasetPools.FirstNonTeamMember);

        shape.HasMissingDetails = shape.IsHostile
            ? _detailsKind[shape.Type] == DetailsKind.TagOnly
            : DeterministicHash.Low(detailHash, 64) == 0;
        return shape;
    }

    private static (int[] TypeOfResidue, int[] ResidueOfType, int[][] CategoryResidues, int[][] CategoryNext) BuildTypeOrder(ulong key)
    {
        var catalog = EventTypeCatalog.Instance;
        var typeOfResidue = DeterministicHash.Permutation(key, catalog.Count);
        var residueOfType = new int[catalog.Count];
        for (var residue = 0; residue < typeOfResidue.Length; residue++)
        {
            residueOfType[typeOfResidue[residue]] = residue;
        }

        var categoryResidues = new int[catalog.Categories.Length][];
        var categoryNext = new int[catalog.Categories.Length][];
        for (var category = 0; category < catalog.Categories.Length; category++)
        {
            var residues = new List<int>();
            for (var residue = 0; residue < typeOfResidue.Length; residue++)
            {
                if (catalog.CategoryOf[typeOfResidue[residue]] == category)
                {
                    residues.Add(residue);
                }
            }

            categoryResidues[category] = [.. residues];

            // next[r] = position in residues of the first residue >= r (residues.Count when none is left in this cycle).
            var next = new int[typeOfResidue.Length];
            var position = residues.Count;
            for (var residue = typeOfResidue.Length - 1; residue >= 0; residue--)
            {
                if (position > 0 && residues[position - 1] >= residue)
                {
                    position--;
                }

                next[residue] = position;
            }

            categoryNext[category] = next;
        }

        return (typeOfResidue, residueOfType, categoryResidues, categoryNext);
    }

}
