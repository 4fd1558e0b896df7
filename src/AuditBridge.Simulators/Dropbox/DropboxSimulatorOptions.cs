namespace AuditBridge.Simulators.Dropbox;

/// <summary>
/// Settings of a <see cref="DropboxSimulator"/>. Every value that shapes the served data is deterministic:
/// two simulators with equal options serve identical bytes for identical requests.
/// </summary>
public sealed class DropboxSimulatorOptions
{
    /// <summary>Loopback TCP port to listen on.</summary>
    /// <value>Default 0: the operating system picks a free port (read it from <see cref="DropboxSimulator.BaseUrl"/>).</value>
    public int Port { get; init; }

    /// <summary>How many events the dataset holds.</summary>
    /// <value>
    /// Default null: unbounded, and event <c>i</c> exists once its timestamp is at or before the simulator's clock,
    /// so an open-ended cursor sees new events as the <see cref="TimeProvider"/> advances. A number makes the first
    /// that many events exist at once, whatever the clock says.
    /// </value>
    public long? EventCount { get; init; }

    /// <summary>The time of the last event that will ever exist, for an open-ended dataset (<see cref="EventCount"/> null).</summary>
    /// <value>
    /// Default null: new events keep appearing as the clock advances. A time: events appear with the clock up to it and
    /// none after, so a run on a fast fake clock (the demo's test) ends with a dataset that stops growing.
    /// </value>
    public DateTimeOffset? LastEventTime { get; init; }

    /// <summary>Timestamp of event 0, truncated to whole seconds (Dropbox timestamps have no fraction).</summary>
    /// <value>Default 2024-01-01T00:00:00Z.</value>
    public DateTimeOffset FirstEventTime { get; init; } = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Time between consecutive events: event <c>i</c> happens at <c>FirstEventTime + i × EventInterval</c>.</summary>
    /// <value>Default 10 seconds; must be positive. Below one second several events share a (truncated) timestamp.</value>
    public TimeSpan EventInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Drives every deterministic choice: event types order, members, ids, variants, and the cursor key.</summary>
    /// <value>Default 0.</value>
    public int Seed { get; init; }

    /// <summary>Every Nth event (indexes N-1, 2N-1, ...) carries awkward values: separators, line breaks, forged records.</summary>
    /// <value>Default 50; 0 turns them off.</value>
    public int HostileEvery { get; init; } = 50;

    /// <summary>
    /// Every Nth event (indexes N-1, 2N-1, ...) is a poison event: its <c>timestamp</c> is a number of seconds instead of
    /// a timestamp string, so it cannot be mapped and must be quarantined while the rest of its page is stored.
    /// </summary>
    /// <value>Default 0: none. Wins over <see cref="HostileEvery"/> for an event that is both.</value>
    public int PoisonEvery { get; init; }

    /// <summary>Every Nth page of a cursor is empty while <c>has_more</c> stays true if more events exist.</summary>
    /// <value>Default 7; 0 turns them off.</value>
    public int EmptyPageEvery { get; init; } = 7;

    /// <summary>Every Nth page of a cursor holds at most half of <c>limit</c> events.</summary>
    /// <value>Default 5; 0 turns them off. An empty page wins when both apply.</value>
    public int ShortPageEvery { get; init; } = 5;

    /// <summary>A bearer token the API routes accept forever (a long-lived token).</summary>
    /// <value>Default <c>sim-access-token</c>.</value>
    public string AccessToken { get; init; } = "sim-access-token";

    /// <summary>App key (OAuth client id) accepted by <c>/oauth2/token</c>.</summary>
    /// <value>Default <c>sim-app-key</c>.</value>
    public string AppKey { get; init; } = "sim-app-key";

    /// <summary>App secret (OAuth client secret) accepted by <c>/oauth2/token</c>.</summary>
    /// <value>Default <c>sim-app-secret</c>.</value>
    public string AppSecret { get; init; } = "sim-app-secret";

    /// <summary>The one refresh token <c>/oauth2/token</c> exchanges for short-lived access tokens.</summary>
    /// <value>Default <c>sim-refresh-token</c>.</value>
    public string RefreshToken { get; init; } = "sim-refresh-token";

    /// <summary>Lifetime of an access token issued by <c>/oauth2/token</c>, measured on the simulator's clock.</summary>
    /// <value>Default 4 hours (Dropbox's <c>expires_in</c> of 14400); must be at least one second.</value>
    public TimeSpan AccessTokenLifetime { get; init; } = TimeSpan.FromHours(4);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Port, nameof(Port));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Port, 65535, nameof(Port));
        if (EventCount is { } count)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(count, nameof(EventCount));
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(EventInterval, TimeSpan.Zero, nameof(EventInterval));
        ArgumentOutOfRangeException.ThrowIfNegative(HostileEvery, nameof(HostileEvery));
        ArgumentOutOfRangeException.ThrowIfNegative(PoisonEvery, nameof(PoisonEvery));
        ArgumentOutOfRangeException.ThrowIfNegative(EmptyPageEvery, nameof(EmptyPageEvery));
        ArgumentOutOfRangeException.ThrowIfNegative(ShortPageEvery, nameof(ShortPageEvery));
        ArgumentException.ThrowIfNullOrEmpty(AccessToken, nameof(AccessToken));
        ArgumentException.ThrowIfNullOrEmpty(AppKey, nameof(AppKey));
        ArgumentException.ThrowIfNullOrEmpty(AppSecret, nameof(AppSecret));
        ArgumentException.ThrowIfNullOrEmpty(RefreshToken, nameof(RefreshToken));
        ArgumentOutOfRangeException.ThrowIfLessThan(AccessTokenLifetime, TimeSpan.FromSeconds(1), nameof(AccessTokenLifetime));
    }
}
