using System.Globalization;

namespace AuditBridge.Simulators.Dropbox;

/// <summary>
/// A failure the simulator produces on demand. Create one with a factory method, optionally adjust
/// <see cref="Route"/> and <see cref="Times"/> with a <c>with</c> expression, and pass it to
/// <see cref="DropboxFaultQueue.Enqueue"/>.
/// </summary>
public sealed record DropboxFault
{
    private DropboxFault(FaultKind kind, DropboxRoute route)
    {
        Kind = kind;
        Route = route;
    }

    /// <summary>Routes whose next request takes the fault. Cursor faults only ever apply to <c>continue</c>.</summary>
    /// <value>Default <see cref="DropboxRoute.Any"/>, or <see cref="DropboxRoute.Continue"/> for cursor faults.</value>
    public DropboxRoute Route { get; init; }

    /// <summary>How many consecutive matching requests take the fault.</summary>
    /// <value>Default 1; must be at least 1.</value>
    public int Times { get; init; } = 1;

    internal FaultKind Kind { get; }

    internal int StatusCode { get; private init; }

    internal int RetryAfterSeconds { get; private init; }

    internal RetryAfterIn RetryAfterPlacement { get; private init; }

    internal bool IsPlainText { get; private init; }

    internal DateTimeOffset? ResetAt { get; private init; }

    internal string? Body { get; private init; }

    internal string? ContentType { get; private init; }

    internal Uri? Location { get; private init; }

    /// <summary>
    /// 429 with <c>Retry-After</c> and/or the JSON body
    /// <c>{"error_summary":"too_many_requests/..","error":{"reason":{".tag":"too_many_requests"},"retry_after":N}}</c>,
    /// or a plain-text body.
    /// </summary>
    public static DropboxFault RateLimited(int retryAfterSeconds, RetryAfterIn where = RetryAfterIn.Both, bool plainText = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(retryAfterSeconds);
        return new DropboxFault(FaultKind.RateLimited, DropboxRoute.Any)
        {
            StatusCode = 429,
            RetryAfterSeconds = retryAfterSeconds,
            RetryAfterPlacement = where,
            IsPlainText = plainText,
        };
    }

    /// <summary>A 5xx: 500 with a plain-text body, other statuses with the HTML page a proxy would send.</summary>
    public static DropboxFault ServerError(int status = 500)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 500);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(status, 599);
        return new DropboxFault(FaultKind.ServerError, DropboxRoute.Any) { StatusCode = status };
    }

    /// <summary>
    /// On <c>continue</c>: 409 <c>reset</c> carrying <paramref name="at"/>, by default the time of the most recent event the
    /// cursor returned. The cursor's whole lineage stays reset: the client must start over with <c>get_events</c>.
    /// </summary>
    public static DropboxFault ResetCursor(DateTimeOffset? at = null) =>
        new(FaultKind.ResetCursor, DropboxRoute.Continue) { StatusCode = 409, ResetAt = at };

    /// <summary>On <c>continue</c>: 409 <c>bad_cursor</c>, once; the cursor itself stays valid.</summary>
    public static DropboxFault BadCursor() => new(FaultKind.BadCursor, DropboxRoute.Continue) { StatusCode = 409 };

    /// <summary>200 whose <c>Content-Length</c> announces the full response, but only half of it is sent before the connection is aborted.</summary>
    public static DropboxFault TruncatedBody() => new(FaultKind.TruncatedBody, DropboxRoute.Any) { StatusCode = 200 };

    /// <summary>200 with an HTML body (<c>Content-Type: text/html</c>), as a captive portal or misrouted proxy returns.</summary>
    public static DropboxFault NotJson() => new(FaultKind.NotJson, DropboxRoute.Any) { StatusCode = 200 };

    /// <summary>
    /// Every access token issued so far by <c>/oauth2/token</c> expires, as if its lifetime had passed; the request that takes
    /// the fault is then served normally (and fails with 401 <c>expired_access_token</c> if it uses such a token).
    /// The static <see cref="DropboxSimulatorOptions.AccessToken"/> never expires.
    /// </summary>
    public static DropboxFault ExpireAccessToken() => new(FaultKind.ExpireAccessToken, DropboxRoute.Any);

    /// <summary>Any other response, verbatim.</summary>
    public static DropboxFault Status(int status, string body, string contentType)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(status, 599);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentException.ThrowIfNullOrEmpty(contentType);
        return new DropboxFault(FaultKind.Status, DropboxRoute.Any) { StatusCode = status, Body = body, ContentType = contentType };
    }

    /// <summary>Never answers; the request ends when the client gives up (or the simulator stops).</summary>
    public static DropboxFault Hang() => new(FaultKind.Hang, DropboxRoute.Any);

    /// <summary>
    /// A hostile endpoint: <paramref name="status"/> with a body that echoes the request's credentials (its Authorization
    /// header and whole body: the token request's refresh token, app key and secret) inside terminal control codes. The
    /// JSON body (default) carries the echo as the error's <c>error_summary</c> and <c>.tag</c> on the API routes, and as
    /// OAuth's <c>error</c> and <c>error_description</c> on the token route; <paramref name="plainText"/> sends it as text.
    /// A 429 also says <c>Retry-After: 1</c>.
    /// </summary>
    public static DropboxFault EchoCredentials(int status, bool plainText = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(status, 599);
        return new DropboxFault(FaultKind.EchoCredentials, DropboxRoute.Any) { StatusCode = status, IsPlainText = plainText };
    }

    /// <summary>
    /// A redirect (<paramref name="status"/> 301, 302, 303, 307 or 308) to <paramref name="location"/>, with the request's
    /// credentials echoed into the Location's path and query: a client must follow neither it nor print what it names.
    /// </summary>
    public static DropboxFault Redirect(int status, Uri location)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 300);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(status, 399);
        ArgumentNullException.ThrowIfNull(location);
        return new DropboxFault(FaultKind.Redirect, DropboxRoute.Any) { StatusCode = status, Location = location };
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Kind}({StatusCode}) on {Route} x{Times}");

    internal static bool IsCursorFault(FaultKind kind) => kind is FaultKind.ResetCursor or FaultKind.BadCursor;

    internal bool AppliesTo(DropboxRoute route) =>
        (Route & route) != 0 && (!IsCursorFault(Kind) || route == DropboxRoute.Continue);
}
