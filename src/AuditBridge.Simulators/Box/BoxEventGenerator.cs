namespace AuditBridge.Simulators.Box;

/// <summary>
/// The Box simulator's deterministic dataset. Event <c>i</c> is a pure function of (<see cref="SimulatorOptions.Seed"/>,
/// options, <c>i</c>): its JSON, its id, its time <c>FirstEventTime + i × EventInterval</c> and its type. Event types cycle
/// through a seeded permutation of every type of Box's enterprise event table (plus a few of the OpenAPI enum), so any
/// <see cref="EventTypes"/>.Count consecutive events cover them all. <c>admin_logs</c> serves events in index (time)
/// order; <c>admin_logs_streaming</c> in a processing order that shuffles each block of
/// <see cref="BoxSimulatorOptions.StreamingBlockSize"/> events. Tests use this class to compute what a query must return.
/// </summary>
public sealed partial class BoxEventGenerator : EventGenerator
{
    private readonly BoxDatasetPools _pools;
    private readonly ulong _eventKey;
    private readonly ulong _idKey;
    private readonly ulong _blockKey;
    private readonly ulong _repeatKey;
    private readonly int _blockSize;
    private readonly int _repeatEvery;
    private readonly int[] _typeOfResidue;
    private readonly Dictionary<string, int> _typeIndex;
    private readonly string[] _types;

    /// <summary>Creates the dataset described by <paramref name="options"/>; no server is involved.</summary>
    public BoxEventGenerator(BoxSimulatorOptions options)
        : base(options)
    {
        _blockSize = options.StreamingBlockSize;
        _repeatEvery = options.StreamingRepeatEvery;
        _eventKey = DeterministicHash.KeyFor(options.Seed, 0x426F784576);
        _idKey = DeterministicHash.KeyFor(options.Seed, 0x426F784964);
        _blockKey = DeterministicHash.KeyFor(options.Seed, 0x426C6F636B);
        _repeatKey = DeterministicHash.KeyFor(options.Seed, 0x526570656174);
        _pools = new BoxDatasetPools(options.Seed);
        _types = [.. BoxEventTypeList.All.Select(t => t.Type)];
        _typeIndex = _types.Select((type, i) => (type, i)).ToDictionary(p => p.type, p => p.i, StringComparer.Ordinal);
        _typeOfResidue = DeterministicHash.Permutation(DeterministicHash.KeyFor(options.Seed, 0x426F78547970), _types.Length);
    }

    /// <summary>Every event type the dataset uses: all types of Box's enterprise event table (seeds/003) and five of the OpenAPI enum.</summary>
    public IReadOnlyList<string> EventTypes => _types;

    /// <summary>Event <paramref name="index"/>'s <c>event_type</c>.</summary>
    public string GetEventType(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return _types[TypeOf(index)];
    }

    /// <summary>Event <paramref name="index"/>'s <c>event_id</c>: 40 hex digits or a UUID, unique in the dataset.</summary>
    public string GetEventId(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return EventId(index, ComputeShape(index).IsUuid);
    }

    /// <summary>
    /// The indexes, ascending, of the events <paramref name="query"/> matches among those a complete read at
    /// <paramref name="now"/> returns (null: every event, which is endless when <see cref="EventGenerator.EventCount"/> is null). For the
    /// streaming query only whole blocks are served in an unbounded dataset, and the time bounds are ignored, as Box does.
    /// </summary>
    public IEnumerable<long> GetMatchingIndexes(BoxEventQuery query, DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        var types = TypeFilter(query.EventTypes);
        var upper = now is { } instant ? GetAvailableCount(instant) : EventCount ?? long.MaxValue;
        long lower = 0;
        if (query.Streaming)
        {
            upper = StreamingSlotCount(upper);
        }
        else
        {
            lower = query.CreatedAfter is { } after ? FirstIndexAtOrAfter(after) : 0;
            upper = query.CreatedBefore is { } before ? Math.Min(upper, FirstIndexAtOrAfter(before)) : upper;
        }

        return Enumerate(lower, upper, types);
    }

    internal int TypeOf(long index) => _typeOfResidue[(int)(index % _typeOfResidue.Length)];

    /// <summary>The set of type indexes of an <c>event_type</c> filter; null for no filter. Unknown names match nothing.</summary>
    internal bool[]? TypeFilter(IReadOnlyCollection<string> names)
    {
        if (names.Count == 0)
        {
            return null;
        }

        var filter = new bool[_types.Length];
        foreach (var name in names)
        {
            if (_typeIndex.TryGetValue(name, out var type))
            {
                filter[type] = true;
            }
        }

        return filter;
    }

    internal bool Matches(long index, bool[]? types) => types is null || types[TypeOf(index)];

    /// <summary>How many slots of the processing order can be served when <paramref name="available"/> events exist.</summary>
    internal long StreamingSlotCount(long available) =>
        HasEnd || available == long.MaxValue ? available : available / _blockSize * _blockSize;

    /// <summary>The event index at <paramref name="slot"/> of the processing order: a seeded shuffle inside each block.</summary>
    internal long IndexOfSlot(long slot, long slotCount, ref (long Block, int[] Order) cache)
    {
        var block = slot / _blockSize;
        if (cache.Order is null || cache.Block != block)
        {
            var start = block * _blockSize;
            var size = (int)Math.Min(_blockSize, slotCount - start);
            cache = (block, DeterministicHash.Permutation(_blockKey ^ (ulong)block, size));
        }

        return (block * _blockSize) + cache.Order[(int)(slot - (block * _blockSize))];
    }

    /// <summary>Whether serving <paramref name="slot"/> also brings back an earlier event, and how many slots back.</summary>
    internal bool TryRepeat(long slot, int span, out long earlierSlot)
    {
        var hash = DeterministicHash.Of(_repeatKey, slot);
        earlierSlot = slot - 1 - (long)(hash >> 32) % span;
        return _repeatEvery > 0 && hash % (ulong)_repeatEvery == 0 && earlierSlot >= 0;
    }

    private IEnumerable<long> Enumerate(long from, long upper, bool[]? types)
    {
        for (var index = from; index < upper; index++)
        {
            if (Matches(index, types))
            {
                yield return index;
            }
        }
    }
}
