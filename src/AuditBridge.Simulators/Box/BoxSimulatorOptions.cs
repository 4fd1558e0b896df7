namespace AuditBridge.Simulators.Box;

/// <summary>
/// Settings of a <see cref="BoxSimulator"/>: the shared dataset and listening options of <see cref="SimulatorOptions"/>
/// (events at least a second apart; about one page in N is short, chosen by a hash of its start; a poison event's
/// <c>created_at</c> is <c>null</c>), plus Box's stream positions, the streaming order and repeats, and the app's
/// credentials. Two simulators with equal options serve identical bytes for identical requests, and accept each other's
/// stream positions.
/// </summary>
public sealed class BoxSimulatorOptions : SimulatorOptions
{
    /// <summary>Creates the default options; issued access tokens live 4123 seconds (the <c>expires_in</c> of Box's documentation).</summary>
    public BoxSimulatorOptions()
        : base(TimeSpan.FromSeconds(4123))
    {
    }

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

    /// <summary>Box serves events at whole-second intervals: a fraction of a second is dropped.</summary>
    internal override long IntervalTicks => EventInterval.Ticks - (EventInterval.Ticks % TimeSpan.TicksPerSecond);

    /// <summary>A stream position carries at most this index.</summary>
    internal override long MaxEventCount => BoxStreamPositions.MaxIndex;

    private protected override TimeSpan MinimumEventInterval => TimeSpan.FromSeconds(1);

    internal override void Validate()
    {
        base.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(StreamingBlockSize, 1, nameof(StreamingBlockSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(StreamingBlockSize, 4096, nameof(StreamingBlockSize));
        ArgumentOutOfRangeException.ThrowIfNegative(StreamingRepeatEvery, nameof(StreamingRepeatEvery));
        ArgumentException.ThrowIfNullOrEmpty(DeveloperToken, nameof(DeveloperToken));
        ArgumentException.ThrowIfNullOrEmpty(ClientId, nameof(ClientId));
        ArgumentException.ThrowIfNullOrEmpty(ClientSecret, nameof(ClientSecret));
        ArgumentException.ThrowIfNullOrEmpty(EnterpriseId, nameof(EnterpriseId));
        ArgumentException.ThrowIfNullOrEmpty(JwtPublicKeyId, nameof(JwtPublicKeyId));
        ArgumentOutOfRangeException.ThrowIfLessThan(JwtClockSkew, TimeSpan.Zero, nameof(JwtClockSkew));
    }
}
