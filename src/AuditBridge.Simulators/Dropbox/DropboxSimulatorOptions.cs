namespace AuditBridge.Simulators.Dropbox;

/// <summary>
/// Settings of a <see cref="DropboxSimulator"/>: the shared dataset and listening options of <see cref="SimulatorOptions"/>
/// (short pages are every Nth page of a cursor; a poison event's <c>timestamp</c> is a number of seconds), plus Dropbox's
/// empty pages and OAuth credentials. Two simulators with equal options serve identical bytes for identical requests.
/// </summary>
public sealed class DropboxSimulatorOptions : SimulatorOptions
{
    /// <summary>Creates the default options; issued access tokens live 4 hours (Dropbox's <c>expires_in</c> of 14400).</summary>
    public DropboxSimulatorOptions()
        : base(TimeSpan.FromHours(4))
    {
    }

    /// <summary>Every Nth page of a cursor is empty while <c>has_more</c> stays true if more events exist.</summary>
    /// <value>Default 7; 0 turns them off. An empty page wins over a short one when both apply.</value>
    public int EmptyPageEvery { get; init; } = 7;

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

    internal override void Validate()
    {
        base.Validate();
        ArgumentOutOfRangeException.ThrowIfNegative(EmptyPageEvery, nameof(EmptyPageEvery));
        ArgumentException.ThrowIfNullOrEmpty(AccessToken, nameof(AccessToken));
        ArgumentException.ThrowIfNullOrEmpty(AppKey, nameof(AppKey));
        ArgumentException.ThrowIfNullOrEmpty(AppSecret, nameof(AppSecret));
        ArgumentException.ThrowIfNullOrEmpty(RefreshToken, nameof(RefreshToken));
    }
}
