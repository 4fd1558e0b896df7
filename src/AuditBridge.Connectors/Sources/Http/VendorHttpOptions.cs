namespace AuditBridge.Sources.Http;

/// <summary>How vendor HTTP calls retry, wait and give up. Shared by every HTTP source.</summary>
public sealed record VendorHttpOptions
{
    /// <summary>Tries per request for transient failures (5xx, timeouts, resets, invalid bodies), the first included. Default 6, at least 1.</summary>
    public int MaxAttempts { get; init; } = 6;

    /// <summary>First backoff delay (doubled per retry, with jitter). Default 1 s.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest single backoff delay. Default 60 s.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Longest total time one request may wait on rate limits (429 with Retry-After). When the vendor asks for more,
    /// the request fails with <see cref="SourceErrorKind.RateLimited"/> at once instead of holding on. Default 5 min.
    /// </summary>
    public TimeSpan MaxRateLimitWait { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The shortest <see cref="RequestTimeout"/> the command line and the configuration accept: 1 s.</summary>
    public static readonly TimeSpan MinimumRequestTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Time limit of one HTTP attempt, from sending to the last body byte (real time: it bounds socket I/O). Default 60 s.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Allow <c>http://</c> API and OAuth URLs on hosts other than this one. Default false: credentials and events
    /// would cross the network unencrypted. Whoever sets it must report it at every start (the daemon and the CLI do).
    /// </summary>
    public bool AllowInsecureHttp { get; init; }

    /// <summary>Largest response body accepted. Default 64 MiB (a full Dropbox page is about 1–2 MiB).</summary>
    public int MaxBodyBytes { get; init; } = 64 * 1024 * 1024;
}
