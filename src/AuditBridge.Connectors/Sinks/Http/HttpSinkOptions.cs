using AuditBridge.Secrets;

namespace AuditBridge.Sinks.Http;

/// <summary>Settings of the <c>http</c> sink. <see cref="Validate"/> lists every problem at once.</summary>
public sealed class HttpSinkOptions
{
    /// <summary>Default of <see cref="MaxBatchEvents"/>.</summary>
    public const int DefaultMaxBatchEvents = 500;

    /// <summary>Default of <see cref="RequestTimeout"/>.</summary>
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Default of <see cref="MaxBatchBytes"/>: 1 MiB, under the request limits of common collectors.</summary>
    public const int DefaultMaxBatchBytes = 1024 * 1024;

    /// <summary>Upper bound of <see cref="MaxBatchEvents"/>.</summary>
    public const int MaximumBatchEvents = 100_000;

    /// <summary>Lower bound of <see cref="MaxBatchBytes"/>.</summary>
    public const int MinimumBatchBytes = 1024;

    /// <summary>Upper bound of <see cref="MaxBatchBytes"/>: 256 MiB.</summary>
    public const int MaximumBatchBytes = 256 * 1024 * 1024;

    // Set by the sink from the body and the mode; a configured value would contradict what is sent.
    private static readonly string[] ReservedHeaders =
        ["Content-Type", "Content-Length", "Content-Encoding", "Transfer-Encoding", "Host", "Connection", "Expect"];

    // Names that carry credentials (Authorization, Proxy-Authorization, X-Api-Key, X-Auth-Token, Ocp-Apim-Subscription-Key,
    // DD-API-KEY, Cookie, X-Hub-Signature …): a plain header would print its value wherever the options are shown.
    private static readonly string[] CredentialNameParts = ["auth", "token", "secret", "passw", "key", "cookie", "credential", "signature", "session"];

    /// <summary>
    /// Where to post: an <c>https://</c> URL. <c>http://</c> is accepted only to this host itself (localhost,
    /// 127.0.0.0/8, ::1) unless <see cref="AllowInsecureHttp"/> is set. Required. For <see cref="HttpSinkMode.SplunkHec"/>
    /// a URL without a path is the HEC base (<c>https://splunk.example.com:8088</c>) and <c>/services/collector/event</c>
    /// is added; a URL with a path is used as given (<c>…/services/collector/event</c>, a load balancer's path). The
    /// query part, if any, is sent but never printed.
    /// </summary>
    public string Endpoint { get; set; } = string.Empty;

    /// <summary>What is posted. Default <see cref="HttpSinkMode.Ndjson"/>.</summary>
    public HttpSinkMode Mode { get; set; } = HttpSinkMode.Ndjson;

    /// <summary>
    /// Allow <c>http://</c> to hosts other than this one. Default false: audit events name people and addresses, and
    /// the credential headers travel with them. The caller must report it at start, like <see cref="InsecureSkipVerify"/>.
    /// </summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>
    /// Extra request headers whose values are not secret (<c>X-Tenant: acme</c>). Names are case-insensitive.
    /// Not allowed here: any name that looks like it carries a credential, that is, one containing <c>auth</c>,
    /// <c>token</c>, <c>secret</c>, <c>passw</c>, <c>key</c>, <c>cookie</c>, <c>credential</c>, <c>signature</c> or
    /// <c>session</c> (<c>Authorization</c>, <c>X-Api-Key</c> …: use <see cref="SecretHeaders"/>), and the headers the sink sets itself (<c>Content-Type</c>, <c>Content-Encoding</c>,
    /// <c>Content-Length</c>, <c>Host</c> …).
    /// </summary>
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Request headers whose values are credentials (<c>Authorization: Bearer …</c>, <c>X-Api-Key</c>). Values are
    /// never printed, and are removed from receiver answers quoted in errors. With <see cref="HttpSinkMode.SplunkHec"/>,
    /// <c>Authorization</c> comes from <see cref="Token"/> instead.
    /// </summary>
    public IDictionary<string, Secret> SecretHeaders { get; } = new Dictionary<string, Secret>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// <see cref="HttpSinkMode.SplunkHec"/> only, and required there: the HEC token, sent as
    /// <c>Authorization: Splunk &lt;token&gt;</c>.
    /// </summary>
    public Secret? Token { get; set; }

    /// <summary>
    /// <see cref="HttpSinkMode.SplunkHec"/> only: the <c>host</c> of every event. Default null: this machine's name
    /// (as the syslog sink's HOSTNAME).
    /// </summary>
    public string? Host { get; set; }

    /// <summary>
    /// <see cref="HttpSinkMode.SplunkHec"/> only: the <c>source</c> of every event. Default null: the event's own
    /// source name (<c>acme-dropbox</c>), so each configured source is its own Splunk source.
    /// </summary>
    public string? Source { get; set; }

    /// <summary>
    /// <see cref="HttpSinkMode.SplunkHec"/> only: the <c>sourcetype</c> of every event. Default null: <c>_json</c> with
    /// the <c>json</c> format (Splunk extracts the fields at search time), left out otherwise (the token's default).
    /// </summary>
    public string? Sourcetype { get; set; }

    /// <summary>
    /// <see cref="HttpSinkMode.SplunkHec"/> only: the <c>index</c> of every event. Default null: left out, so the
    /// token's default index is used. Must be in the token's allowed indexes.
    /// </summary>
    public string? Index { get; set; }

    /// <summary>
    /// Most records in one request, 1..100,000. Default 500. A larger batch from the caller is sent as several
    /// requests, in order.
    /// </summary>
    public int MaxBatchEvents { get; set; } = DefaultMaxBatchEvents;

    /// <summary>
    /// Largest request body before compression, 1,024..268,435,456 bytes. Default 1 MiB (1,048,576). A larger batch is
    /// sent as several requests, in order. One record that alone is larger is shortened to fit, as for syslog (the
    /// <c>json</c> format shortens strings inside <c>raw</c> and marks it <c>"truncated":["raw"]</c>; counted in
    /// <see cref="SinkStatistics.Shortened"/>); a record that cannot be shortened enough fails the batch with a
    /// permanent error naming its event id. A 413 answer to a request of several records halves it (see the README).
    /// </summary>
    public int MaxBatchBytes { get; set; } = DefaultMaxBatchBytes;

    /// <summary>
    /// Limit for one request, from connecting to the end of the response headers, in real time (ADR 0003). Default
    /// 30 s; 0 &lt; value ≤ 10 min. A request that runs out fails the batch with a transient error.
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = DefaultRequestTimeout;

    /// <summary>
    /// <c>https://</c> only: PEM file with the CA certificate(s) that issued the server certificate. When set, only
    /// these are trusted (not the system roots). Default null: the system trust store.
    /// </summary>
    public string? CaFile { get; set; }

    /// <summary><c>https://</c> only: PEM file with a client certificate (and its key, unless <see cref="ClientKeyFile"/> is set).</summary>
    public string? ClientCertificateFile { get; set; }

    /// <summary><c>https://</c> only: PEM file with the client certificate's unencrypted private key.</summary>
    public string? ClientKeyFile { get; set; }

    /// <summary>
    /// <c>https://</c> only: accept any server certificate, including an expired, self-signed or wrong-host one.
    /// Default false. This hands the events and the token to anyone who can intercept the connection: the caller must
    /// report it prominently at start.
    /// </summary>
    public bool InsecureSkipVerify { get; set; }

    /// <summary>
    /// Compress request bodies (<c>Content-Encoding: gzip</c>). Default false. Splunk HEC and most collectors accept it;
    /// <see cref="MaxBatchBytes"/> still counts the bytes before compression.
    /// </summary>
    public bool Gzip { get; set; }

    /// <summary>Every problem with these settings, one sentence each; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate() => [.. Problems().Select(p => p.Message)];

    /// <summary>Every problem with these settings, keyed by the property it is about; empty when they are valid.</summary>
    /// <param name="name">How options (and the modes, <c>SplunkHec</c>, <c>Ndjson</c>) are named in the messages; null: by their property names.</param>
    public IReadOnlyList<OptionProblem> Problems(OptionNamer? name = null)
    {
        name ??= static property => property;
        var errors = new List<OptionProblem>();
        if (!Enum.IsDefined(Mode))
        {
            errors.Add(new(nameof(Mode), $"{name(nameof(Mode))} '{Mode}' is not one of {name(nameof(HttpSinkMode.Ndjson))}, {name(nameof(HttpSinkMode.SplunkHec))}."));
        }

        if (!HttpEndpoint.TryParse(Endpoint, Mode, AllowInsecureHttp, out var endpoint, out var endpointError, name))
        {
            errors.Add(new(nameof(Endpoint), endpointError));
        }

        ValidateHeaders(errors, name);
        ValidateHec(errors, name);

        if (MaxBatchEvents is < 1 or > MaximumBatchEvents)
        {
            errors.Add(new(nameof(MaxBatchEvents), $"{name(nameof(MaxBatchEvents))} {MaxBatchEvents} is outside 1..{MaximumBatchEvents}."));
        }

        if (MaxBatchBytes is < MinimumBatchBytes or > MaximumBatchBytes)
        {
            errors.Add(new(nameof(MaxBatchBytes), $"{name(nameof(MaxBatchBytes))} {MaxBatchBytes} is outside {MinimumBatchBytes}..{MaximumBatchBytes}."));
        }

        if (RequestTimeout <= TimeSpan.Zero || RequestTimeout > TimeSpan.FromMinutes(10))
        {
            errors.Add(new(nameof(RequestTimeout), $"{name(nameof(RequestTimeout))} {RequestTimeout} is outside (0, 10 min]."));
        }

        TlsOptionRules.Validate(
            errors, endpoint, endpoint?.IsHttps == true, "https://", CaFile, ClientCertificateFile, ClientKeyFile, InsecureSkipVerify, name);
        return errors;
    }

    private void ValidateHeaders(List<OptionProblem> errors, OptionNamer name)
    {
        foreach (var (header, value, property) in Headers.Select(h => (h.Key, h.Value, nameof(Headers))).Concat(SecretHeaders.Select(h => (h.Key, h.Value.Reveal(), nameof(SecretHeaders)))))
        {
            if (!IsToken(header))
            {
                errors.Add(new(property, $"Header name '{header}' is not a valid HTTP header name."));
            }
            else if (ReservedHeaders.Contains(header, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add(new(property, $"Header '{header}' is set by the sink itself: remove it."));
            }

            // A line break in a value would end the header and let the rest pass for more headers.
            if (value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
            {
                errors.Add(new(property, $"Header '{header}' has a line break in its value."));
            }
        }

        foreach (var header in Headers.Keys)
        {
            if (IsCredentialName(header))
            {
                errors.Add(new(nameof(Headers), $"Header '{header}' looks like it carries a credential: put it in {name(nameof(SecretHeaders))}, whose values are never printed."));
            }

            if (SecretHeaders.ContainsKey(header))
            {
                errors.Add(new(nameof(Headers), $"Header '{header}' is in both {name(nameof(Headers))} and {name(nameof(SecretHeaders))}: keep one."));
            }
        }
    }

    private void ValidateHec(List<OptionProblem> errors, OptionNamer name)
    {
        var hec = name(nameof(HttpSinkMode.SplunkHec));
        if (Mode == HttpSinkMode.SplunkHec)
        {
            if (Token is null)
            {
                errors.Add(new(nameof(Token), $"{name(nameof(Token))} is required for {hec}: the HEC token from Settings > Data inputs > HTTP Event Collector."));
            }

            if (SecretHeaders.ContainsKey("Authorization"))
            {
                errors.Add(new(nameof(Mode), $"{hec} sends Authorization: Splunk <{name(nameof(Token))}>: remove Authorization from {name(nameof(SecretHeaders))}."));
            }

            foreach (var (property, value) in new[] { (nameof(Host), Host), (nameof(Source), Source), (nameof(Sourcetype), Sourcetype), (nameof(Index), Index) })
            {
                if (value is not null && string.IsNullOrWhiteSpace(value))
                {
                    errors.Add(new(property, $"{name(property)} is empty: leave it unset for the default."));
                }
            }

            return;
        }

        if (Token is not null)
        {
            errors.Add(new(nameof(Token), $"{name(nameof(Token))} applies to {hec} only: for a webhook, put the Authorization header in {name(nameof(SecretHeaders))}."));
        }

        foreach (var (property, isSet) in new[] { (nameof(Host), Host is not null), (nameof(Source), Source is not null), (nameof(Sourcetype), Sourcetype is not null), (nameof(Index), Index is not null) })
        {
            if (isSet)
            {
                errors.Add(new(property, $"{name(property)} applies to {hec} only."));
            }
        }
    }

    private static bool IsCredentialName(string name) =>
        CredentialNameParts.Any(part => name.Contains(part, StringComparison.OrdinalIgnoreCase));

    // RFC 9110 §5.6.2 token: visible ASCII except separators.
    private static bool IsToken(string name) =>
        name.Length > 0 && name.All(c => c is > ' ' and < (char)127 && !"\"(),/:;<=>?@[\\]{}".Contains(c, StringComparison.Ordinal));
}
