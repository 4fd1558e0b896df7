namespace AuditBridge.Simulators.Core;

/// <summary>
/// What every vendor simulator is configured with: where it listens, which events its dataset holds and when they happen,
/// the awkward and poison events among them, short pages, and how long issued tokens live. A vendor's options derive
/// from it and add their own (credentials, paging and position details). Every value that shapes the served data is
/// deterministic: two simulators with equal options serve identical bytes for identical requests.
/// </summary>
public abstract class SimulatorOptions
{
    private protected SimulatorOptions(TimeSpan accessTokenLifetime)
    {
        AccessTokenLifetime = accessTokenLifetime;
    }

    /// <summary>Loopback TCP port to listen on.</summary>
    /// <value>Default 0: the operating system picks a free port (read it from the simulator's <c>BaseUrl</c>).</value>
    public int Port { get; init; }

    /// <summary>How many events the dataset holds.</summary>
    /// <value>
    /// Default null: unbounded, and event <c>i</c> exists once its time is at or before the simulator's clock, so a
    /// client that is caught up sees new events as the <see cref="TimeProvider"/> advances. A number makes the first that
    /// many events exist at once, whatever the clock says.
    /// </value>
    public long? EventCount { get; init; }

    /// <summary>The time of the last event that will ever exist, for an open-ended dataset (<see cref="EventCount"/> null).</summary>
    /// <value>
    /// Default null: new events keep appearing as the clock advances. A time: events appear with the clock up to it and
    /// none after, so a run on a fast fake clock (the demo's test) ends with a dataset that stops growing.
    /// </value>
    public DateTimeOffset? LastEventTime { get; init; }

    /// <summary>Time of event 0, truncated to whole seconds (the vendors' timestamps have no fraction).</summary>
    /// <value>Default 2024-01-01T00:00:00Z.</value>
    public DateTimeOffset FirstEventTime { get; init; } = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Time between consecutive events: event <c>i</c> happens at <c>FirstEventTime + i × EventInterval</c>, served in whole seconds.</summary>
    /// <value>Default 10 seconds; must be positive (a vendor may ask for more, see its options).</value>
    public TimeSpan EventInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Drives every deterministic choice: event type order, people, ids, shapes, and the cursor, position and token keys.</summary>
    /// <value>Default 0.</value>
    public int Seed { get; init; }

    /// <summary>Every Nth event (indexes N-1, 2N-1, ...) carries awkward values: separators, line breaks, forged records.</summary>
    /// <value>Default 50; 0 turns them off.</value>
    public int HostileEvery { get; init; } = 50;

    /// <summary>
    /// Every Nth event (indexes N-1, 2N-1, ...) is a poison event: its time member has a type the vendor never sends, so it
    /// cannot be mapped and must be quarantined while the rest of its page is stored.
    /// </summary>
    /// <value>Default 0: none. Wins over <see cref="HostileEvery"/> for an event that is both.</value>
    public int PoisonEvery { get; init; }

    /// <summary>One page in N holds at most half of the requested number of events while more remain; which pages, the vendor decides.</summary>
    /// <value>Default 5; 0 turns them off.</value>
    public int ShortPageEvery { get; init; } = 5;

    /// <summary>Lifetime of an access token issued by <c>/oauth2/token</c>, measured on the simulator's clock.</summary>
    /// <value>The vendor's documented <c>expires_in</c> by default; must be at least one second.</value>
    public TimeSpan AccessTokenLifetime { get; init; }

    /// <summary>The interval between events in ticks, as the dataset uses it.</summary>
    internal virtual long IntervalTicks => EventInterval.Ticks;

    /// <summary>The largest index a dataset can serve (positions that encode an index bound it).</summary>
    internal virtual long MaxEventCount => long.MaxValue;

    /// <summary>The shortest <see cref="EventInterval"/> the vendor's dataset supports.</summary>
    private protected virtual TimeSpan MinimumEventInterval => TimeSpan.FromTicks(1);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option out of range.</summary>
    internal virtual void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Port, nameof(Port));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Port, 65535, nameof(Port));
        if (EventCount is { } count)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(count, nameof(EventCount));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxEventCount, nameof(EventCount));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(EventInterval, MinimumEventInterval, nameof(EventInterval));
        ArgumentOutOfRangeException.ThrowIfNegative(HostileEvery, nameof(HostileEvery));
        ArgumentOutOfRangeException.ThrowIfNegative(PoisonEvery, nameof(PoisonEvery));
        ArgumentOutOfRangeException.ThrowIfNegative(ShortPageEvery, nameof(ShortPageEvery));
        ArgumentOutOfRangeException.ThrowIfLessThan(AccessTokenLifetime, TimeSpan.FromSeconds(1), nameof(AccessTokenLifetime));
    }
}
