namespace AuditBridge.TestKit.Receivers;

/// <summary>What <see cref="LoopbackHttpCollector"/> answers to one request.</summary>
/// <param name="Status">HTTP status code.</param>
/// <param name="Body">Response body (sent as application/json when it starts with '{', else text/plain); null for none.</param>
/// <param name="Headers">Extra response headers (Retry-After, Location).</param>
/// <param name="Hang">Never answer: hold the request until the client gives up or the collector is disposed.</param>
/// <param name="EchoRequest">
/// A careless receiver: the body (after <paramref name="Body"/>, if any) echoes every request header, credentials
/// included, and the token of the Authorization header on its own, inside terminal control codes (ESC, BEL); a
/// Location given in <paramref name="Headers"/> gets the echo in its path.
/// </param>
public sealed record CollectorResponse(int Status, string? Body = null, IReadOnlyDictionary<string, string>? Headers = null, bool Hang = false, bool EchoRequest = false)
{
    /// <summary>Splunk HEC's success answer.</summary>
    public static CollectorResponse HecSuccess { get; } = new(200, """{"text":"Success","code":0}""");

    /// <summary>A request that is never answered.</summary>
    public static CollectorResponse Hanging { get; } = new(200, Hang: true);

    /// <summary>A Splunk HEC error answer: <c>{"text":"…","code":n}</c>.</summary>
    public static CollectorResponse Hec(int status, int code, string text) => new(status, $$"""{"text":"{{text}}","code":{{code}}}""");

    /// <summary>An answer that echoes the request's headers (see <see cref="EchoRequest"/>); a 429 or 503 also says <c>Retry-After: 1</c>.</summary>
    public static CollectorResponse Echo(int status) =>
        new(status, Headers: status is 429 or 503 ? new Dictionary<string, string> { ["Retry-After"] = "1" } : null, EchoRequest: true);

    /// <summary>A redirect to <paramref name="location"/> with the request's headers echoed into the Location.</summary>
    public static CollectorResponse EchoRedirect(int status, Uri location) =>
        new(status, Headers: new Dictionary<string, string> { ["Location"] = location.AbsoluteUri }, EchoRequest: true);

    /// <summary>A status with a <c>Retry-After</c> header.</summary>
    public static CollectorResponse RetryAfter(int status, string retryAfter) =>
        new(status, Headers: new Dictionary<string, string> { ["Retry-After"] = retryAfter });
}
