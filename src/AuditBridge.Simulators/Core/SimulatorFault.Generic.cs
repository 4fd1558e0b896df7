using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace AuditBridge.Simulators.Core;

/// <summary>
/// The faults every simulator produces the same way, as factories a vendor's fault type inherits:
/// <c>DropboxFault.Hang()</c> and <c>BoxFault.Hang()</c> are this class's <see cref="Hang"/>, returning the vendor's type.
/// Create one, optionally adjust <see cref="Route"/>, <see cref="SimulatorFault.Times"/> and
/// <see cref="SimulatorFault.Skip"/> with a <c>with</c> expression, and pass it to the simulator's <c>Faults.Enqueue</c>.
/// </summary>
/// <typeparam name="TSelf">The vendor's fault record.</typeparam>
/// <typeparam name="TRoute">The vendor's route flags (an <see cref="int"/>-backed <see cref="FlagsAttribute"/> enum).</typeparam>
[SuppressMessage("Design", "CA1000:Do not declare static members on generic types", Justification = "The shared factories are called through each vendor's fault type (DropboxFault.Hang()), which is the public API the tests and the demo use.")]
public abstract record SimulatorFault<TSelf, TRoute> : SimulatorFault
    where TSelf : SimulatorFault<TSelf, TRoute>, IVendorFault<TSelf>
    where TRoute : struct, Enum
{
    private protected SimulatorFault(FaultKind kind, TRoute route)
        : base(kind)
    {
        Route = route;
    }

    /// <summary>Routes whose requests take the fault; combine the vendor's route flags with <c>|</c>.</summary>
    /// <value>Default: every route, unless the factory says otherwise.</value>
    public TRoute Route { get; init; }

    internal override int RouteBits => Unsafe.BitCast<TRoute, int>(Route);

    private protected override string RouteName => Route.ToString();

    /// <summary>A 5xx in the vendor's shape: its JSON error body where it sends one, otherwise the HTML page a gateway sends.</summary>
    public static TSelf ServerError(int status = 500)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 500);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(status, 599);
        return TSelf.Create(FaultKind.ServerError) with { StatusCode = status };
    }

    /// <summary>200 whose <c>Content-Length</c> announces the full response, but only half of it is sent before the connection is aborted.</summary>
    public static TSelf TruncatedBody() => TSelf.Create(FaultKind.TruncatedBody) with { StatusCode = 200 };

    /// <summary>200 with an HTML body (<c>Content-Type: text/html</c>), as a captive portal or misrouted proxy returns.</summary>
    public static TSelf NotJson() => TSelf.Create(FaultKind.NotJson) with { StatusCode = 200 };

    /// <summary>
    /// Every access token issued so far by <c>/oauth2/token</c> expires, as if its lifetime had passed; the request that
    /// takes the fault is then served normally (and gets the vendor's 401 if it uses such a token). The static token
    /// (Dropbox's long-lived token, Box's developer token) never expires.
    /// </summary>
    public static TSelf ExpireAccessToken() => TSelf.Create(FaultKind.ExpireAccessToken);

    /// <summary>Any other response, verbatim (a 403 the vendor sends for missing permissions, a 404 …).</summary>
    public static TSelf Status(int status, string body, string contentType)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(status, 599);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentException.ThrowIfNullOrEmpty(contentType);
        return TSelf.Create(FaultKind.Status) with { StatusCode = status, Body = body, ContentType = contentType };
    }

    /// <summary>Never answers; the request ends when the client gives up (or the simulator stops).</summary>
    public static TSelf Hang() => TSelf.Create(FaultKind.Hang);

    /// <summary>
    /// A hostile endpoint: <paramref name="status"/> with a body that echoes the request's credentials (its Authorization
    /// header and whole body: a token request's refresh token, client id and secret, enterprise id or JWT assertion)
    /// inside terminal control codes. The JSON body (default) carries the echo in the vendor's error members on the API
    /// routes, and as OAuth's <c>error</c> and <c>error_description</c> on the token route; <paramref name="plainText"/>
    /// sends it as text. A 429 also says <c>Retry-After: 1</c>.
    /// </summary>
    public static TSelf EchoCredentials(int status, bool plainText = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(status, 599);
        return TSelf.Create(FaultKind.EchoCredentials) with { StatusCode = status, IsPlainText = plainText };
    }

    /// <summary>
    /// A redirect (<paramref name="status"/> 301, 302, 303, 307 or 308) to <paramref name="location"/>, with the request's
    /// credentials echoed into the Location's path and query: a client must follow neither it nor print what it names.
    /// </summary>
    public static TSelf Redirect(int status, Uri location)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 300);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(status, 399);
        ArgumentNullException.ThrowIfNull(location);
        return TSelf.Create(FaultKind.Redirect) with { StatusCode = status, Location = location };
    }
}
