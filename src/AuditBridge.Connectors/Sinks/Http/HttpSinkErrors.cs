using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AuditBridge.Net;
using AuditBridge.Sources.Json;
using AuditBridge.Secrets;

namespace AuditBridge.Sinks.Http;

/// <summary>
/// Turns a receiver's answer into a classified <see cref="SinkException"/> whose message names the cause and the fix,
/// and quotes the answer through <see cref="ExternalText"/>: every configured secret redacted in the whole answer before
/// it is cut, control characters escaped.
/// </summary>
internal sealed class HttpSinkErrors
{
    private const int ExcerptCharacters = 300;

    private readonly HttpEndpoint _endpoint;
    private readonly HttpSinkMode _mode;
    private readonly string? _index;
    private readonly string? _tokenOrigin;
    private readonly SecretRedactor _redactor;
    private readonly TimeProvider _timeProvider;

    public HttpSinkErrors(HttpEndpoint endpoint, HttpSinkMode mode, string? index, Secret? token, SecretRedactor redactor, TimeProvider timeProvider)
    {
        _endpoint = endpoint;
        _mode = mode;
        _index = index;
        _tokenOrigin = token?.Origin;
        _redactor = redactor;
        _timeProvider = timeProvider;
    }

    private string Receiver => _mode == HttpSinkMode.SplunkHec ? $"Splunk HEC at {_endpoint}" : _endpoint.Display;

    /// <summary>
    /// Classifies a response that is not 2xx. Transient: 408, 429, 5xx (with the <c>Retry-After</c> wait, if given).
    /// Permanent: every other status, each with its fix.
    /// </summary>
    /// <param name="status">The response status.</param>
    /// <param name="headers">Response headers (for Retry-After and Location).</param>
    /// <param name="body">Up to a few KiB of the response body.</param>
    /// <param name="isCut">True when the body was longer than <paramref name="body"/>.</param>
    /// <param name="request">Which request of the batch failed, for the message.</param>
    public SinkException FromResponse(HttpStatusCode status, HttpResponseHeaders headers, ReadOnlySpan<byte> body, bool isCut, RequestProgress request)
    {
        var code = (int)status;
        var hec = _mode == HttpSinkMode.SplunkHec && !isCut ? HecReply.TryParse(body) : null;
        var answer = hec is { } reply
            ? $"HTTP {code} (HEC code {reply.Code}: \"{Excerpt(reply.Text)}\")"
            : $"HTTP {code}" + (body.IsEmpty ? string.Empty : $" \"{ExternalText.Describe(body, isCut, _redactor, ExcerptCharacters)}\"");
        var what = $"{Receiver} answered {answer} to {request.Describe()}";
        var transient = code is 408 or 429 or >= 500;
        if (transient)
        {
            var retryAfter = RetryAfterHeader.Wait(headers, _timeProvider);
            var wait = (retryAfter, request.IsProbe) switch
            {
                ({ } delay, false) => string.Create(CultureInfo.InvariantCulture, $"it asks to wait {delay.TotalSeconds:0.###} s (Retry-After) before the batch is sent again."),
                ({ } delay, true) => string.Create(CultureInfo.InvariantCulture, $"it asks to wait {delay.TotalSeconds:0.###} s (Retry-After)."),
                (null, false) => "the batch will be sent again after a backoff.",
                (null, true) => "delivery would try again after a backoff.",
            };
            var cause = code switch
            {
                429 => "the receiver is rate limiting",
                503 => "the receiver is overloaded or down for maintenance",
                408 or 504 => "the request timed out on the receiver's side",
                _ => "the receiver failed",
            };
            return new SinkException($"{what}: {cause}; {wait}{request.DuplicatesNote()}", isTransient: true) { RetryAfter = retryAfter };
        }

        var fix = (hec is { } known ? HecFix(known.Code) : null) ?? StatusFix(code, headers, request);
        return new SinkException($"{what}: {fix}{request.DuplicatesNote()}", isTransient: false);
    }

    /// <summary>Classifies a request that got no answer (connection, TLS, timeout).</summary>
    public SinkException FromFailure(HttpRequestException error, string? certificateRejection, RequestProgress request)
    {
        if (certificateRejection is not null)
        {
            return new SinkException(certificateRejection + request.DuplicatesNote(), isTransient: false, error);
        }

        var (cause, transient) = error.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => ("the host name does not resolve", true),
            HttpRequestError.ConnectionError => ("cannot connect", true),

            // No certificate complaint but no handshake either: no common protocol, or the port does not speak TLS.
            HttpRequestError.SecureConnectionError when error.InnerException is System.Security.Authentication.AuthenticationException =>
                ("the TLS handshake failed; check that the port speaks HTTPS with TLS 1.2 or 1.3", false),
            HttpRequestError.SecureConnectionError => ("the connection broke during the TLS handshake", true),
            HttpRequestError.ResponseEnded => ("the connection closed before a complete answer", true),
            _ => ("the request failed", true),
        };
        return new SinkException(
            $"{(request.IsProbe ? "Sending" : "Posting")} {request.Describe()} to {_endpoint} failed: {cause} ({Excerpt(error.Message)})."
            + (transient && !request.IsProbe ? " The batch will be sent again." : string.Empty) + request.DuplicatesNote(),
            transient,
            error);
    }

    /// <summary>A request that ran out of <c>RequestTimeout</c>: transient.</summary>
    public SinkException FromTimeout(TimeSpan timeout, Exception error, RequestProgress request) => new(
        string.Create(CultureInfo.InvariantCulture, $"{Receiver} did not answer {request.Describe()} within {timeout.TotalSeconds:0.###} s (RequestTimeout); ")
        + (request.IsProbe
            ? "if the receiver is only slow, raise RequestTimeout."
            : "the batch will be sent again. If the receiver is only slow, raise RequestTimeout or lower MaxBatchBytes.")
        + request.DuplicatesNote(),
        isTransient: true,
        error);

    /// <summary>The answer broke off while being read: transient.</summary>
    public SinkException FromBrokenAnswer(Exception error, RequestProgress request) => new(
        $"The answer of {Receiver} to {request.Describe()} broke off ({Excerpt(error.Message)})"
        + (request.IsProbe ? "." : "; the batch will be sent again.") + request.DuplicatesNote(),
        isTransient: true,
        error);

    /// <summary>
    /// Whether <paramref name="body"/> is HEC's <c>{"text":"No data","code":5}</c>: the answer to an empty request
    /// whose token Splunk accepted (it checks the token first).
    /// </summary>
    public static bool IsHecNoData(ReadOnlySpan<byte> body) => HecReply.TryParse(body) is { Code: 5 };

    private string? HecFix(int code) => code switch
    {
        1 => $"the HEC token is disabled: enable it in Splunk (Settings > Data inputs > HTTP Event Collector) or set Token ({_tokenOrigin}) to an enabled one.",
        2 or 3 => "Splunk found no valid 'Authorization: Splunk <token>' header: check that no proxy between here and Splunk removes it.",
        4 => $"the HEC token was refused: check Token ({_tokenOrigin}) against Settings > Data inputs > HTTP Event Collector of this Splunk instance.",
        7 => _index is null
            ? "the token's default index is missing or not allowed: set Index, or fix the token's indexes in Splunk."
            : $"index '{_index}' is not allowed for this token: set Index to one of the token's allowed indexes, or add '{_index}' to them in Splunk.",
        10 or 11 => "this token has indexer acknowledgement turned on, which needs a channel that AuditBridge does not send: turn it off for this token.",
        5 or 6 or 12 or 13 or 15 => "Splunk could not read the events: a proxy may have changed the body, or this is a bug in AuditBridge; report it with this message.",
        _ => null,
    };

    private string StatusFix(int code, HttpResponseHeaders headers, RequestProgress request) => code switch
    {
        >= 300 and < 400 => $"the endpoint redirects{Location(headers)}; redirects are not followed (a POST would be lost or resent elsewhere): set Endpoint to the final URL.",
        400 => "the receiver rejected the request as malformed: check that this URL accepts "
            + (_mode == HttpSinkMode.SplunkHec ? "HEC events (…/services/collector/event, not …/raw)." : "a batch of lines (Mode Ndjson)."),
        401 => _mode == HttpSinkMode.SplunkHec
            ? $"Splunk wants a valid HEC token: check Token ({_tokenOrigin})."
            : "the receiver wants credentials: set its Authorization header (or its API key header) in SecretHeaders.",
        403 => _mode == HttpSinkMode.SplunkHec
            ? $"the HEC token was refused: check Token ({_tokenOrigin}) and that it is enabled."
            : "the receiver refused the credentials: check the values in SecretHeaders and what they are allowed to do.",
        404 => "nothing accepts events at this URL: check Endpoint"
            + (_mode == HttpSinkMode.SplunkHec ? " (the HEC base such as https://splunk.example.com:8088, or …/services/collector/event) and that HEC is enabled." : "."),
        405 => "this URL does not accept POST: check Endpoint.",
        407 => "a proxy between here and the receiver wants credentials: set Proxy-Authorization in SecretHeaders, or bypass the proxy (NO_PROXY).",
        411 or 413 when request.Records == 1 => $"this one record ({request.BodyBytes} bytes) is larger than the receiver accepts, even alone: "
            + "raise the receiver's request limit"
            + (_mode == HttpSinkMode.SplunkHec ? " (Splunk: max_content_length in limits.conf)" : string.Empty)
            + ", or lower MaxBatchBytes below that limit so such records are shortened to fit.",
        411 or 413 => $"the request ({request.BodyBytes} bytes) is larger than the receiver accepts: lower MaxBatchBytes"
            + (_mode == HttpSinkMode.SplunkHec ? " (Splunk's limit is max_content_length in limits.conf)." : "."),
        415 => "the receiver does not accept this content type or encoding: check Mode, the format, and Gzip.",
        _ => "the receiver refused the events: fix what its answer names, then restart delivery to this sink.",
    };

    // The receiver's text: quoted like its body, without the query (which may carry a credential).
    private string Location(HttpResponseHeaders headers) => headers.Location is { } location
        ? $" to {Excerpt(location.IsAbsoluteUri ? location.GetLeftPart(UriPartial.Path) : location.OriginalString.Split('?')[0])}"
        : string.Empty;

    // One line, no configured secret, controls escaped, short: receiver answers can be HTML pages or echo headers.
    private string Excerpt(string text) => ExternalText.Describe(text, _redactor, ExcerptCharacters);

    /// <summary>A HEC status answer: <c>{"text":"Invalid token","code":4}</c>.</summary>
    private readonly record struct HecReply(int Code, string Text)
    {
        public static HecReply? TryParse(ReadOnlySpan<byte> body)
        {
            try
            {
                // The receiver's own words: read through the guarded reader, so a name or text without text (a lone
                // surrogate) cannot throw out of the sink.
                using var document = JsonDocument.Parse(body.ToArray());
                var root = document.RootElement;
                return JsonRead.TryGetProperty(root, "code"u8, out var code) && code.ValueKind == JsonValueKind.Number && code.TryGetInt32(out var value)
                    ? new HecReply(value, JsonRead.String(root, "text"u8) ?? string.Empty)
                    : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}
