namespace AuditBridge.Simulators.Box;

/// <summary>
/// Settings of a <see cref="BoxSimulator"/>. Every value that shapes the served data is deterministic: two simulators
/// with equal options serve identical bytes for identical requests, and accept each other's stream positions.
/// </summary>
public sealed class BoxSimulatorOptions
{
    /// <summary>Loopback TCP port to listen on.</summary>
    /// <value>Default 0: the operating system picks a free port (read it from <see cref="BoxSimulator.BaseUrl"/>).</value>
    public int Port { get; init; }

    /// <summary>How many events the dataset holds.</summary>
    /// <value>
    /// Default null: unbounded, and event <c>i</c> exists once its time is at or before the simulator's clock, so a stream
    /// that is caught up sees new events as the <see cref="TimeProvider"/> advances. A number makes the first that many
    /// events exist at once, whatever the clock says.
    /// </value>
    public long? EventCount { get; init; }

    /// <summary>The time of the last event that will ever exist, for an open-ended dataset (<see cref="EventCount"/> null).</summary>
    /// <value>
    /// Default null: new events keep appearing as the clock advances. A time: events appear with the clock up to it and
    /// none after, so a run on a fast fake clock (the demo's test) ends with a dataset that stops growing.
    /// </value>
    public DateTimeOffset? LastEventTime { get; init; }

    /// <summary>Time of event 0, truncated to whole seconds.</summary>
    /// <value>Default 2024-01-01T00:00:00Z.</value>
    public DateTimeOffset FirstEventTime { get; init; } = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Time between consecutive events: event <c>i</c> happens at <c>FirstEventTime + i × EventInterval</c> (whole seconds).</summary>
    /// <value>Default 10 seconds; must be positive.</value>
    public TimeSpan EventInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Drives every deterministic choice: event type order, people, ids, shapes, position check digits and the token key.</summary>
    /// <value>Default 0.</value>
    public int Seed { get; init; }

    /// <summary>Every Nth event (indexes N-1, 2N-1, ...) carries awkward values: separators, line breaks, forged records.</summary>
    /// <value>Default 50; 0 turns them off.</value>
    public int HostileEvery { get; init; } = 50;

    /// <summary>
    /// Every Nth event (indexes N-1, 2N-1, ...) is a poison event: its <c>created_at</c> is <c>null</c>, so it cannot be
    /// mapped and must be quarantined while the rest of its page is stored.
    /// </summary>
    /// <value>Default 0: none.</value>
    public int PoisonEvery { get; init; }

    /// <summary>About one page in N holds at most half of <c>limit</c> events while more remain (Box returns what it has).</summary>
    /// <value>Default 5; 0 turns them off.</value>
    public int ShortPageEvery { get; init; } = 5;

    /// <summary>How <c>next_stream_position</c> is written.</summary>
    /// <value>Default <see cref="StreamPositionFormat.JsonNumber"/>: a bare number above 2^53, as in Box's own examples.</value>
    public StreamPositionFormat PositionFormat { get; init; } = StreamPositionFormat.JsonNumber;

    /// <summary>
    /// <c>admin_logs_streaming</c> serves events in processing order: inside each block of this many consecutive events
    /// the order is shuffled. Events of an incomplete block wait until it is complete (Box's small buffer), except in a
    /// fixed-size dataset, whose last block is shuffled as it is.
    /// </summary>
    /// <value>Default 32; 1 serves them in event-time order. At most 4096.</value>
    public int StreamingBlockSize { get; init; } = 32;

    /// <summary>About one event in N served by <c>admin_logs_streaming</c> brings back an earlier event a second time (at least once delivery).</summary>
    /// <value>Default 8; 0 never repeats.</value>
    public int StreamingRepeatEvery { get; init; } = 8;

    /// <summary>
    /// When <c>admin_logs_streaming</c> has nothing new, the empty page carries <c>next_stream_position</c> 0 (what Box SDK
    /// authors observed) rather than the position sent. <c>admin_logs</c> always echoes the position it was sent.
    /// </summary>
    /// <value>Default true.</value>
    public bool ZeroPositionWhenCaughtUp { get; init; } = true;

    /// <summary>A bearer token the API accepts forever (a developer token that does not expire).</summary>
    /// <value>Default <c>sim-developer-token</c>.</value>
    public string DeveloperToken { get; init; } = "sim-developer-token";

    /// <summary>The app's client id, for both grants.</summary>
    /// <value>Default <c>sim-client-id</c>.</value>
    public string ClientId { get; init; } = "sim-client-id";

    /// <summary>The app's client secret, for both grants.</summary>
    /// <value>Default <c>sim-client-secret</c>.</value>
    public string ClientSecret { get; init; } = "sim-client-secret";

    /// <summary>The enterprise id: <c>box_subject_id</c> of the client credentials grant and <c>sub</c> of a JWT assertion.</summary>
    /// <value>Default <c>9348812</c>.</value>
    public string EnterpriseId { get; init; } = "9348812";

    /// <summary>
    /// The PEM public key (SubjectPublicKeyInfo, <c>-----BEGIN PUBLIC KEY-----</c>) that verifies JWT assertions; null turns
    /// the JWT grant off (it is then refused as <c>unauthorized_client</c>). <see cref="BoxJwtApp"/> makes a key pair.
    /// </summary>
    /// <value>Default null.</value>
    public string? JwtPublicKey { get; init; }

    /// <summary>The <c>kid</c> a JWT assertion's header must carry.</summary>
    /// <value>Default <c>sim-key-1</c>.</value>
    public string JwtPublicKeyId { get; init; } = "sim-key-1";

    /// <summary>How far apart the client's and the simulator's clocks may be when a JWT's <c>exp</c> is checked.</summary>
    /// <value>Default 2 minutes.</value>
    public TimeSpan JwtClockSkew { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Lifetime of an access token issued by <c>/oauth2/token</c>, measured on the simulator's clock.</summary>
    /// <value>Default 4123 seconds (the <c>expires_in</c> of Box's documentation); at least one second.</value>
    public TimeSpan AccessTokenLifetime { get; init; } = TimeSpan.FromSeconds(4123);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Port, nameof(Port));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Port, 65535, nameof(Port));
        if (EventCount is { } count)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(count, nameof(EventCount));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(count, BoxStreamPositions.MaxIndex, nameof(EventCount));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(EventInterval, TimeSpan.FromSeconds(1), nameof(EventInterval));
        ArgumentOutOfRangeException.ThrowIfNegative(HostileEvery, nameof(HostileEvery));
        ArgumentOutOfRangeException.ThrowIfNegative(PoisonEvery, nameof(PoisonEvery));
        ArgumentOutOfRangeException.ThrowIfNegative(ShortPageEvery, nameof(ShortPageEvery));
        ArgumentOutOfRangeException.ThrowIfLessThan(StreamingBlockSize, 1, nameof(StreamingBlockSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(StreamingBlockSize, 4096, nameof(StreamingBlockSize));
        ArgumentOutOfRangeException.ThrowIfNegative(StreamingRepeatEvery, nameof(StreamingRepeatEvery));
        ArgumentException.ThrowIfNullOrEmpty(DeveloperToken, nameof(DeveloperToken));
        ArgumentException.ThrowIfNullOrEmpty(ClientId, nameof(ClientId));
        ArgumentException.ThrowIfNullOrEmpty(ClientSecret, nameof(ClientSecret));
        ArgumentException.ThrowIfNullOrEmpty(EnterpriseId, nameof(EnterpriseId));
        ArgumentException.ThrowIfNullOrEmpty(JwtPublicKeyId, nameof(JwtPublicKeyId));
        ArgumentOutOfRangeException.ThrowIfLessThan(JwtClockSkew, TimeSpan.Zero, nameof(JwtClockSkew));
        ArgumentOutOfRangeException.ThrowIfLessThan(AccessTokenLifetime, TimeSpan.FromSeconds(1), nameof(AccessTokenLifetime));
    }
}
