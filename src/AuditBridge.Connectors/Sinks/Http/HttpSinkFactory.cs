using AuditBridge.Formats;
using AuditBridge.Framing;
using AuditBridge.Secrets;

namespace AuditBridge.Sinks.Http;

/// <summary>Creates <c>http</c> sinks: NDJSON webhooks and Splunk HEC.</summary>
public static class HttpSinkFactory
{
    /// <summary>The component's configuration type name.</summary>
    public const string Type = "http";

    private const string LimitAdvice = "Raise MaxBatchBytes (and the receiver's request limit if needed).";

    /// <summary>Validates <paramref name="options"/>, loads the TLS files, and returns a sink that connects on its first write.</summary>
    /// <param name="options">Settings; not read again after this call.</param>
    /// <param name="formatter">
    /// Writes one record per event. Null: the <c>json</c> format (one JSON object per line; for HEC, the event object).
    /// Line formats (CEF, LEEF) are posted as text lines, or as HEC string events. <c>csv</c> is refused.
    /// </param>
    /// <param name="timeProvider">Clock for a <c>Retry-After</c> given as a date. Request timeouts run in real time (ADR 0003).</param>
    /// <param name="redactor">
    /// Receives the token and every secret header value, so the caller's logs redact them too; the sink quotes receiver
    /// answers through it. Null: a redactor of the sink's own.
    /// </param>
    /// <exception cref="SinkException">
    /// Permanent: the settings are invalid (every problem is listed), the format is <c>csv</c>, or a TLS file cannot be used.
    /// </exception>
    public static ISink Create(HttpSinkOptions options, IEventFormatter? formatter, TimeProvider timeProvider, SecretRedactor? redactor = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        formatter ??= EventFormatters.Json();

        var errors = new List<string>(options.Validate());
        if (string.Equals(formatter.Name, "csv", StringComparison.OrdinalIgnoreCase))
        {
            // A CSV record may hold line breaks and needs its header line; neither survives one-record-per-line posting.
            errors.Add("The csv format cannot be posted (a CSV record may span lines and needs its header): use json, cef or leef.");
        }

        if (errors.Count > 0 || !HttpEndpoint.TryParse(options.Endpoint, options.Mode, options.AllowInsecureHttp, out var endpoint, out _))
        {
            throw new SinkException($"Invalid http sink settings: {string.Join(" ", errors)}", isTransient: false);
        }

        var isJson = string.Equals(formatter.Name, "json", StringComparison.OrdinalIgnoreCase);
        BatchEncoder encoder;
        string contentType;
        if (options.Mode == HttpSinkMode.SplunkHec)
        {
            var envelope = new HecEnvelope(
                string.IsNullOrEmpty(options.Host) ? Environment.MachineName : options.Host,
                options.Source,
                options.Sourcetype ?? (isJson ? "_json" : null),
                options.Index,
                isJson);

            // HEC reads concatenated event objects; no separator is needed (Splunk's batch example has none).
            // A record too large for one request is shortened (the envelope counts), as the syslog sink does: one huge
            // vendor event must not stop delivery for good.
            encoder = new BatchEncoder(formatter, envelope, Framers.For(FramingMethod.None), options.MaxBatchBytes, LimitAdvice);
            contentType = "application/json";
        }
        else
        {
            // LF after every record, including the last: NDJSON requires it, and a line reader then needs no special case.
            // The LF is not part of the message the formatter budgets for.
            encoder = new BatchEncoder(formatter, envelope: null, Framers.For(FramingMethod.Newline), options.MaxBatchBytes - 1, LimitAdvice);

            // x-ndjson promises JSON on every line; CEF or LEEF lines are text.
            contentType = isJson ? "application/x-ndjson" : "text/plain; charset=utf-8";
        }

        var tls = endpoint.IsHttps
            ? TlsClientSettings.Load(options.CaFile, options.ClientCertificateFile, options.ClientKeyFile, options.InsecureSkipVerify)
            : null;
        return new TransportSink(new HttpTransport(endpoint, options, contentType, tls, timeProvider, redactor ?? new SecretRedactor()), encoder);
    }
}
