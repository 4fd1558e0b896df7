namespace AuditBridge.TestKit.Receivers;

/// <summary>What <see cref="LoopbackHttpCollector"/> answers to one request.</summary>
/// <param name="Status">HTTP status code.</param>
/// <param name="Body">Response body (sent as application/json when it starts with '{', else text/plain); null for none.</param>
/// <param name="Headers">Extra response headers (Retry-After, Location).</param>
/// <param name="Hang">Never answer: hold the request until the client gives up or the collector is disposed.</param>
public sealed record CollectorResponse(int Status, string? Body = null, IReadOnlyDictionary<string, string>? Headers = null, bool Hang = false)
{
    /// <summary>Splunk HEC's success answer.</summary>
    public static CollectorResponse HecSuccess { get; } = new(200, """{"text":"Success","code":0}""");

    /// <summary>A request that is never answered.</summary>
    public static CollectorResponse Hanging { get; } = new(200, Hang: true);

    /// <summary>A Splunk HEC error answer: <c>{"text":"…","code":n}</c>.</summary>
    public static CollectorResponse Hec(int status, int code, string text) => new(status, $$"""{"text":"{{text}}","code":{{code}}}""");

    /// <summary>A status with a <c>Retry-After</c> header.</summary>
    public static CollectorResponse RetryAfter(int status, string retryAfter) =>
        new(status, Headers: new Dictionary<string, string> { ["Retry-After"] = retryAfter });
}
