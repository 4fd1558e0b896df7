using System.Globalization;
using AuditBridge.Sources.Http;

namespace AuditBridge.Sources.Box;

/// <summary>Everything a Box enterprise events source needs (saas-apis.md B.1–B.6).</summary>
public sealed record BoxSourceOptions
{
    /// <summary>Official API host; <c>/2.0/events</c> and <c>/oauth2/token</c> live under it.</summary>
    public static readonly Uri DefaultApiUrl = new("https://api.box.com/");

    /// <summary>Largest page the API allows for the enterprise streams; also the default.</summary>
    public const int MaxLimit = 500;

    /// <summary>Configured source name, stamped on every event (<c>box</c> for one-shot pulls).</summary>
    public string SourceName { get; init; } = "box";

    /// <summary>Where <c>/2.0/events</c> lives. Default <c>https://api.box.com</c>; point it at a simulator or proxy.</summary>
    public Uri ApiUrl { get; init; } = DefaultApiUrl;

    /// <summary>Where <c>/oauth2/token</c> lives (also the JWT's <c>aud</c>). Default <c>https://api.box.com</c>.</summary>
    public Uri OAuthUrl { get; init; } = DefaultApiUrl;

    /// <summary>Credentials; exactly one method (see <see cref="BoxCredentials"/>).</summary>
    public required BoxCredentials Credentials { get; init; }

    /// <summary>The stream to read. Default <see cref="BoxStreamType.AdminLogs"/> (ordered, one year, time windows).</summary>
    public BoxStreamType Stream { get; init; } = BoxStreamType.AdminLogs;

    /// <summary>Lower bound of event time (<c>created_after</c>); <see cref="BoxStreamType.AdminLogs"/> only. Default none.</summary>
    public DateTimeOffset? CreatedAfter { get; init; }

    /// <summary>Upper bound of event time (<c>created_before</c>); <see cref="BoxStreamType.AdminLogs"/> only. Default none (follow new events).</summary>
    public DateTimeOffset? CreatedBefore { get; init; }

    /// <summary>Only these event types (<c>event_type=A,B</c>), upper-snake names such as <c>LOGIN</c>. Default empty: every type.</summary>
    public IReadOnlyList<string> EventTypes { get; init; } = [];

    /// <summary>Events per page, 1..500. Default 500 (fewest calls).</summary>
    public int Limit { get; init; } = MaxLimit;

    /// <summary>
    /// A stream position to start from when no checkpoint is given: a previous <c>next_stream_position</c>, <c>0</c> (all
    /// available events), or <c>now</c> (nothing old; only events from now on). Default none: <c>admin_logs</c> starts at the
    /// oldest event of the window, <c>admin_logs_streaming</c> at <c>0</c> (the two weeks Box keeps).
    /// </summary>
    public string? InitialStreamPosition { get; init; }

    /// <summary>
    /// How far before the newest known event time the source restarts after Box rejects the stream position, and how much of
    /// the id window is kept in the checkpoint (plus 10 min), so the overlap is not emitted twice. Default 1 h.
    /// </summary>
    public TimeSpan ResetMargin { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Retries, waits and limits of the HTTP calls.</summary>
    public VendorHttpOptions Http { get; init; } = new();

    /// <summary>Returns the first problem of these options (as a user would fix it), or null when they are valid.</summary>
    public string? Validate()
    {
        if (Credentials is null)
        {
            return "Box credentials are missing";
        }

        if (Credentials.Validate() is { } credentials)
        {
            return credentials;
        }

        if (Limit is < 1 or > MaxLimit)
        {
            return string.Create(CultureInfo.InvariantCulture, $"--limit must be between 1 and {MaxLimit} for the Box enterprise streams, got {Limit}");
        }

        if (Stream == BoxStreamType.AdminLogsStreaming && (CreatedAfter is not null || CreatedBefore is not null))
        {
            return "--created-after and --created-before only apply to --stream admin_logs: Box ignores them on admin_logs_streaming, so the window would silently not apply. Use --stream admin_logs for a time window, or drop them";
        }

        if (CreatedAfter is { } after && CreatedBefore is { } before && after >= before)
        {
            return string.Create(CultureInfo.InvariantCulture, $"--created-after ({BoxTime.Format(after)}) must be before --created-before ({BoxTime.Format(before)})");
        }

        foreach (var type in EventTypes)
        {
            if (!IsEventTypeName(type))
            {
                return $"--event-type values must be Box event type names such as LOGIN or DOWNLOAD (upper case letters, digits and '_'), got '{type}'";
            }
        }

        if (InitialStreamPosition is { } position && !IsStreamPosition(position))
        {
            return $"--stream-position must be a number Box returned as next_stream_position, 0, or now; got '{position}'";
        }

        if (ResetMargin < TimeSpan.Zero)
        {
            return "the reset margin cannot be negative";
        }

        return null;
    }

    private static bool IsEventTypeName(string? type) =>
        !string.IsNullOrEmpty(type) && type.All(static c => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_');

    private static bool IsStreamPosition(string position) =>
        string.Equals(position, "now", StringComparison.Ordinal) || (position.Length is > 0 and <= 40 && position.All(char.IsAsciiDigit));
}
