namespace AuditBridge.Simulators.Dropbox;

/// <summary>
/// The simulator's deterministic dataset. Event <c>i</c> is a pure function of (<see cref="SimulatorOptions.Seed"/>,
/// options, <c>i</c>): its JSON, its timestamp <c>FirstEventTime + i × EventInterval</c> and its type. Event types cycle
/// through a seeded permutation of all 631 types, so consecutive events always differ and any 631 consecutive events
/// cover every type and category. Tests use this class to compute the events a query must return.
/// </summary>
public sealed partial class DropboxEventGenerator : EventGenerator
{
    private readonly EventTypeCatalog _catalog = EventTypeCatalog.Instance;
    private readonly DatasetPools _pools;
    private readonly ulong _eventKey;
    private readonly string[] _accountIds;

    /// <summary>Creates the dataset described by <paramref name="options"/>; no server is involved.</summary>
    public DropboxEventGenerator(DropboxSimulatorOptions options)
        : base(options)
    {
        _eventKey = DeterministicHash.KeyFor(options.Seed, 0x4576656E7473);
        _pools = new DatasetPools(options.Seed);
        _accountIds = [.. _pools.Accounts.Select(a => a.AccountId)];
        (_typeOfResidue, _residueOfType, _categoryResidues, _categoryNext) = BuildTypeOrder(DeterministicHash.KeyFor(options.Seed, 0x5479706573));
        (_categoryJson, _eventTypeJson, _eventTypePrefixedJson, _typeTag, _detailsTag, _detailsTagOnlyJson, _detailsKind) = BuildTypeFragments();
    }

    /// <summary>Every account id the dataset uses: 50 team members (the first 6 are admins), 8 non-team members, 4 trusted non-team members.</summary>
    public IReadOnlyList<string> AccountIds => _accountIds;

    /// <summary>The 26 category tags, in the reference table's order.</summary>
    public IReadOnlyList<string> Categories => _catalog.Categories;

    /// <summary>The 631 event type tags, in the reference table's order.</summary>
    public IReadOnlyList<string> EventTypes => _catalog.Tags;

    /// <summary>Event <paramref name="index"/>'s <c>event_category</c> tag.</summary>
    public string GetCategory(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return _catalog.Categories[_catalog.CategoryOf[TypeOf(index)]];
    }

    /// <summary>Event <paramref name="index"/>'s <c>event_type</c> tag.</summary>
    public string GetEventType(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return _catalog.Tags[TypeOf(index)];
    }

    /// <summary>
    /// The indexes, ascending, of the events <paramref name="query"/> matches among those that exist at
    /// <paramref name="now"/> (null: every event, which is an endless sequence when <see cref="EventGenerator.EventCount"/> is null).
    /// A query the API would reject (unknown category, type or account id; both category and type) matches nothing.
    /// </summary>
    public IEnumerable<long> GetMatchingIndexes(DropboxEventQuery query, DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!TryCreateFilter(query, out var filter))
        {
            return [];
        }

        var upper = now is { } instant ? GetAvailableCount(instant) : EventCount ?? long.MaxValue;
        return EnumerateMatches(filter, upper);
    }

    internal int TypeOf(long index) => _typeOfResidue[(int)(index % _typeOfResidue.Length)];

    private bool TryCreateFilter(DropboxEventQuery query, out EventFilter filter)
    {
        filter = default;
        var kind = FilterKind.None;
        var value = 0;
        if (query.Category is not null)
        {
            if (!_catalog.CategoryIndex.TryGetValue(query.Category, out value))
            {
                return false;
            }

            kind = FilterKind.Category;
        }

        if (query.EventType is not null)
        {
            if (kind != FilterKind.None || !_catalog.TagIndex.TryGetValue(query.EventType, out value))
            {
                return false;
            }

            kind = FilterKind.EventType;
        }

        var account = EventFilter.NoAccount;
        if (query.AccountId is not null && !_pools.AccountIndex.TryGetValue(query.AccountId, out account))
        {
            return false;
        }

        var start = query.StartTime is { } s ? FirstIndexAtOrAfter(s) : 0;
        var end = query.EndTime is { } e ? FirstIndexAtOrAfter(e) : long.MaxValue;
        filter = new EventFilter(kind, value, account, start, end);
        return true;
    }

    internal bool TryFindCategory(string tag, out int category) => _catalog.CategoryIndex.TryGetValue(tag, out category);

    internal bool TryFindEventType(string tag, out int type) => _catalog.TagIndex.TryGetValue(tag, out type);

    internal bool TryFindAccount(string accountId, out int account) => _pools.AccountIndex.TryGetValue(accountId, out account);

    private IEnumerable<long> EnumerateMatches(EventFilter filter, long upper)
    {
        var bound = Math.Min(upper, filter.EndIndex);
        var candidate = filter.StartIndex;
        while (true)
        {
            candidate = NextCandidate(filter, candidate);
            if (candidate >= bound)
            {
                yield break;
            }

            if (filter.Account == EventFilter.NoAccount || Involves(candidate, filter.Account))
            {
                yield return candidate;
            }

            candidate++;
        }
    }
}
