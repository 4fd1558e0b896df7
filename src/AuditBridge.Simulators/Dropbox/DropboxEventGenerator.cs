using System.Buffers;
using System.Text.Json;

namespace AuditBridge.Simulators.Dropbox;

/// <summary>
/// The simulator's deterministic dataset. Event <c>i</c> is a pure function of (<see cref="DropboxSimulatorOptions.Seed"/>,
/// options, <c>i</c>): its JSON, its timestamp <c>FirstEventTime + i × EventInterval</c> and its type. Event types cycle
/// through a seeded permutation of all 631 types, so consecutive events always differ and any 631 consecutive events
/// cover every type and category. Tests use this class to compute the events a query must return.
/// </summary>
public sealed partial class DropboxEventGenerator
{
    private readonly EventTypeCatalog _catalog = EventTypeCatalog.Instance;
    private readonly DatasetPools _pools;
    private readonly ulong _eventKey;
    private readonly long _firstTicks;
    private readonly long _intervalTicks;
    private readonly long? _eventCount;
    private readonly long? _lastTicks;
    private readonly int _hostileEvery;
    private readonly int _poisonEvery;
    private readonly string[] _accountIds;

    /// <summary>Creates the dataset described by <paramref name="options"/>; no server is involved.</summary>
    public DropboxEventGenerator(DropboxSimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var first = options.FirstEventTime.UtcTicks;
        _firstTicks = first - (first % TimeSpan.TicksPerSecond);
        _intervalTicks = options.EventInterval.Ticks;
        _eventCount = options.EventCount;
        _lastTicks = options.LastEventTime?.UtcTicks;
        _hostileEvery = options.HostileEvery;
        _poisonEvery = options.PoisonEvery;
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

    /// <summary>The fixed size of the dataset, or null when events keep appearing as the clock advances.</summary>
    public long? EventCount => _eventCount;

    /// <summary>Event <paramref name="index"/>'s timestamp, in whole seconds as Dropbox sends it.</summary>
    public DateTimeOffset GetTime(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return new DateTimeOffset(TimestampTicks(index), TimeSpan.Zero);
    }

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

    /// <summary>Whether event <paramref name="index"/> carries awkward values (every <see cref="DropboxSimulatorOptions.HostileEvery"/>th).</summary>
    public bool IsHostile(long index) => _hostileEvery > 0 && (index + 1) % _hostileEvery == 0;

    /// <summary>Whether event <paramref name="index"/> is served without a usable timestamp (every <see cref="DropboxSimulatorOptions.PoisonEvery"/>th).</summary>
    public bool IsPoison(long index) => _poisonEvery > 0 && (index + 1) % _poisonEvery == 0;

    /// <summary>Event <paramref name="index"/> as compact JSON: exactly the bytes the simulator serves inside <c>events</c>.</summary>
    public ReadOnlyMemory<byte> GetEventJson(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var writer = new Utf8JsonWriter(buffer, DropboxJson.EventWriterOptions))
        {
            WriteEvent(writer, index);
        }

        return buffer.WrittenMemory;
    }

    /// <summary>How many events exist at <paramref name="now"/>: <see cref="EventCount"/>, or those whose time has come.</summary>
    public long GetAvailableCount(DateTimeOffset now)
    {
        if (_eventCount is { } count)
        {
            return count;
        }

        var until = _lastTicks is { } last && last < now.UtcTicks ? last : now.UtcTicks;
        var elapsed = until - _firstTicks;
        return elapsed < 0 ? 0 : (elapsed / _intervalTicks) + 1;
    }

    /// <summary>
    /// The indexes, ascending, of the events <paramref name="query"/> matches among those that exist at
    /// <paramref name="now"/> (null: every event, which is an endless sequence when <see cref="EventCount"/> is null).
    /// A query the API would reject (unknown category, type or account id; both category and type) matches nothing.
    /// </summary>
    public IEnumerable<long> GetMatchingIndexes(DropboxEventQuery query, DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!TryCreateFilter(query, out var filter))
        {
            return [];
        }

        var upper = now is { } instant ? GetAvailableCount(instant) : _eventCount ?? long.MaxValue;
        return EnumerateMatches(filter, upper);
    }

    internal int TypeOf(long index) => _typeOfResidue[(int)(index % _typeOfResidue.Length)];

    internal long TimestampTicks(long index)
    {
        var ticks = _firstTicks + (index * _intervalTicks);
        return ticks - (ticks % TimeSpan.TicksPerSecond);
    }

    /// <summary>The first index whose (whole-second) timestamp is at or after <paramref name="time"/>.</summary>
    internal long FirstIndexAtOrAfter(DateTimeOffset time)
    {
        var ticks = time.UtcTicks;
        var remainder = ticks % TimeSpan.TicksPerSecond;
        if (remainder != 0)
        {
            ticks += TimeSpan.TicksPerSecond - remainder;
        }

        var delta = ticks - _firstTicks;
        return delta <= 0 ? 0 : (delta + _intervalTicks - 1) / _intervalTicks;
    }

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
