using System.Buffers;

namespace AuditBridge.Simulators.Core;

/// <summary>
/// A simulator's deterministic dataset: event <c>i</c> is a pure function of (options, <c>i</c>), so any event can be
/// generated on its own, in any order, on any thread. This base keeps the timeline every vendor shares (event <c>i</c>
/// happens at <c>FirstEventTime + i × EventInterval</c> in whole seconds; how many events exist at a given time), the
/// hostile and poison cadence, and <see cref="GetEventJson"/>; a vendor's generator writes the event itself and answers
/// its own queries. Tests use it to compute what a request sequence must return.
/// </summary>
public abstract class EventGenerator
{
    private readonly long _firstTicks;
    private readonly long _intervalTicks;
    private readonly long? _eventCount;
    private readonly long? _lastTicks;
    private readonly long _maxIndex;
    private readonly int _hostileEvery;
    private readonly int _poisonEvery;

    private protected EventGenerator(SimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var first = options.FirstEventTime.UtcTicks;
        _firstTicks = first - (first % TimeSpan.TicksPerSecond);
        _intervalTicks = options.IntervalTicks;
        _eventCount = options.EventCount;
        _lastTicks = options.LastEventTime?.UtcTicks;
        _maxIndex = options.MaxEventCount;
        _hostileEvery = options.HostileEvery;
        _poisonEvery = options.PoisonEvery;
    }

    /// <summary>The fixed size of the dataset, or null when events keep appearing as the clock advances.</summary>
    public long? EventCount => _eventCount;

    /// <summary>Whether the dataset stops growing: a fixed <see cref="EventCount"/> or a <see cref="SimulatorOptions.LastEventTime"/>.</summary>
    private protected bool HasEnd => _eventCount is not null || _lastTicks is not null;

    /// <summary>Event <paramref name="index"/>'s time, UTC, in whole seconds as the vendors send it.</summary>
    public DateTimeOffset GetTime(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return new DateTimeOffset(TimeTicks(index), TimeSpan.Zero);
    }

    /// <summary>Whether event <paramref name="index"/> carries awkward values (every <see cref="SimulatorOptions.HostileEvery"/>th).</summary>
    public bool IsHostile(long index) => Cadence.IsNth(_hostileEvery, index);

    /// <summary>Whether event <paramref name="index"/> is served without a usable time (every <see cref="SimulatorOptions.PoisonEvery"/>th).</summary>
    public bool IsPoison(long index) => Cadence.IsNth(_poisonEvery, index);

    /// <summary>Event <paramref name="index"/> as compact JSON: exactly the bytes the simulator serves for it inside a page.</summary>
    public ReadOnlyMemory<byte> GetEventJson(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var writer = new Utf8JsonWriter(buffer, SimulatorJson.EventWriterOptions))
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
        return elapsed < 0 ? 0 : Math.Min((elapsed / _intervalTicks) + 1, _maxIndex);
    }

    /// <summary>Writes event <paramref name="index"/> as one JSON object: the vendor's payload.</summary>
    internal abstract void WriteEvent(Utf8JsonWriter writer, long index);

    /// <summary>Event <paramref name="index"/>'s time in UTC ticks, truncated to the second.</summary>
    internal long TimeTicks(long index)
    {
        var ticks = _firstTicks + (index * _intervalTicks);
        return ticks - (ticks % TimeSpan.TicksPerSecond);
    }

    /// <summary>The first index whose (whole-second) time is at or after <paramref name="time"/>.</summary>
    internal long FirstIndexAtOrAfter(DateTimeOffset time)
    {
        var ticks = time.UtcTicks;
        var remainder = ticks % TimeSpan.TicksPerSecond;
        if (remainder != 0)
        {
            ticks += TimeSpan.TicksPerSecond - remainder;
        }

        var delta = ticks - _firstTicks;
        return delta <= 0 ? 0 : Math.Min((delta + _intervalTicks - 1) / _intervalTicks, _maxIndex);
    }

    /// <summary>Which of <paramref name="count"/> hostile values event <paramref name="index"/> carries: they take turns, one per hostile event.</summary>
    private protected int HostileTurn(long index, int count) => (int)(index / _hostileEvery % count);
}
