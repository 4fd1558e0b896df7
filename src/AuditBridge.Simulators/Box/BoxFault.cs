using System.Globalization;

namespace AuditBridge.Simulators.Box;

/// <summary>
/// A failure the simulator produces on demand. Create one with a factory method, optionally adjust <see cref="Route"/>,
/// <see cref="Times"/> and <see cref="Skip"/> with a <c>with</c> expression, and pass it to <see cref="BoxFaultQueue.Enqueue"/>.
/// </summary>
public sealed record BoxFault
{
    private BoxFault(BoxFaultKind kind, BoxRoute route)
    {
        Kind = kind;
        Route = route;
    }

    /// <summary>Routes whose requests take the fault.</summary>
    /// <value>Default <see cref="BoxRoute.Any"/>, or <see cref="BoxRoute.Events"/> for <see cref="InvalidStreamPosition"/>.</value>
    public BoxRoute Route { get; init; }

    /// <summary>How many consecutive matching requests take the fault.</summary>
    /// <value>Default 1; at least 1.</value>
    public int Times { get; init; } = 1;

    /// <summary>
    /// How many matching requests pass untouched before the fault applies. Clients prefetch (page N+1 is requested while
    /// page N is handed out), so tests queue faults before reading and count requests rather than pages.
    /// </summary>
    /// <value>Default 0.</value>
    public int Skip { get; init; }

    internal BoxFaultKind Kind { get; }

    internal int StatusCode { get; private init; }

    internal int RetryAfterSeconds { get; private init; }

    internal bool RetryAfterInHeader { get; private init; }

    internal string? Body { get; private init; }

    internal string? ContentType { get; private init; }

    internal bool IsPlainText { get; private init; }

    internal Uri? Location { get; private init; }

    /// <summary>429 <c>rate_limit_exceeded</c> (Box's ClientError body) with <c>Retry-After: N</c>, or without the header.</summary>
    public static BoxFault RateLimited(int retryAfterSeconds, bool inHeader = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(retryAfterSeconds);
        return new BoxFault(BoxFaultKind.RateLimited, BoxRoute.Any) { StatusCode = 429, RetryAfterSeconds = retryAfterSeconds, RetryAfterInHeader = inHeader };
    }

    /// <summary>A 5xx: 500 and 503 with Box's JSON error body, other statuses with the HTML page a gateway sends.</summary>
    public static BoxFault ServerError(int status = 500)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 500);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(status, 599);
        return new BoxFault(BoxFaultKind.ServerError, BoxRoute.Any) { StatusCode = status };
    }

    /// <summary>
    /// On an events request that carries a numeric <c>stream_position</c>: 400 <c>bad_request</c> "Invalid stream position",
    /// as Box answers a position it cannot continue. Requests without one (or with <c>0</c> or <c>now</c>) neither take it
    /// nor count for <see cref="Skip"/>.
    /// </summary>
    public static BoxFault InvalidStreamPosition() => new(BoxFaultKind.InvalidStreamPosition, BoxRoute.Events) { StatusCode = 400 };

    /// <summary>200 whose <c>Content-Length</c> announces the full response, but only half of it is sent before the connection is aborted.</summary>
    public static BoxFault TruncatedBody() => new(BoxFaultKind.TruncatedBody, BoxRoute.Any) { StatusCode = 200 };

    /// <summary>200 with an HTML body (<c>Content-Type: text/html</c>), as a captive portal or misrouted proxy returns.</summary>
    public static BoxFault NotJson() => new(BoxFaultKind.NotJson, BoxRoute.Any) { StatusCode = 200 };

    /// <summary>
    /// Every access token issued so far expires, as if its lifetime had passed; the request that takes the fault is then
    /// served normally (and gets 401 if it uses such a token). The developer token never expires.
    /// </summary>
    public static BoxFault ExpireAccessToken() => new(BoxFaultKind.ExpireAccessToken, BoxRoute.Any);

    /// <summary>Any other response, verbatim (403 <c>access_denied_insufficient_permissions</c>, 404 …).</summary>
    public static BoxFault Status(int status, string body, string contentType)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(status, 599);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentException.ThrowIfNullOrEmpty(contentType);
        return new BoxFault(BoxFaultKind.Status, BoxRoute.Any) { StatusCode = status, Body = body, ContentType = contentType };
    }

    /// <summary>Never answers; the request ends when the client gives up (or the simulator stops).</summary>
    public static BoxFault Hang() => new(BoxFaultKind.Hang, BoxRoute.Any);

    /// <summary>
    /// A hostile endpoint: <paramref name="status"/> with a body that echoes the request's credentials (its Authorization
    /// header and whole body: the token request's client id and secret, enterprise id or JWT assertion) inside terminal
    /// control codes. The JSON body (default) carries the echo as a ClientError's <c>code</c>, <c>message</c> and
    /// <c>request_id</c> on the events route, and as OAuth's <c>error</c> and <c>error_description</c> on the token route;
    /// <paramref name="plainText"/> sends it as text. A 429 also says <c>Retry-After: 1</c>.
    /// </summary>
    public static BoxFault EchoCredentials(int status, bool plainText = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(status, 599);
        return new BoxFault(BoxFaultKind.EchoCredentials, BoxRoute.Any) { StatusCode = status, IsPlainText = plainText };
    }

    /// <summary>
    /// A redirect (<paramref name="status"/> 301, 302, 303, 307 or 308) to <paramref name="location"/>, with the request's
    /// credentials echoed into the Location's path and query: a client must follow neither it nor print what it names.
    /// </summary>
    public static BoxFault Redirect(int status, Uri location)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 300);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(status, 399);
        ArgumentNullException.ThrowIfNull(location);
        return new BoxFault(BoxFaultKind.Redirect, BoxRoute.Any) { StatusCode = status, Location = location };
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Kind}({StatusCode}) on {Route} x{Times} after {Skip}");

    /// <summary>Whether a request on <paramref name="route"/> is one this fault could apply to.</summary>
    internal bool AppliesTo(BoxRoute route, bool hasStreamPosition) =>
        (Route & route) != 0 && (Kind != BoxFaultKind.InvalidStreamPosition || (route == BoxRoute.Events && hasStreamPosition));
}
