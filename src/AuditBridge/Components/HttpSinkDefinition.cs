using AuditBridge.Formats;
using AuditBridge.Sinks;
using AuditBridge.Sinks.Http;

namespace AuditBridge.Components;

/// <summary>The <c>http</c> sink: NDJSON batches or Splunk HEC to an HTTP collector (src/AuditBridge.Connectors/Sinks/Http).</summary>
internal sealed class HttpSinkDefinition : SinkDefinition
{
    private const string Prefix = "http";

    public static readonly OptionSpec Endpoint = new("endpoint", OptionKind.Text, "The collector: an https:// URL (http:// only to this host, or with allow_insecure_http).")
    {
        Flag = "--http", Required = true, HelpName = "URL", Property = nameof(HttpSinkOptions.Endpoint),
    };

    public static readonly OptionSpec Mode = new("mode", OptionKind.Choice, "What is posted: ndjson (one record per line) or splunk_hec (HEC event JSON).", Prefix)
    {
        Choices = ["ndjson", "splunk_hec"], Default = "ndjson", Property = nameof(HttpSinkOptions.Mode),
    };

    public static readonly OptionSpec Token = new("token", OptionKind.Secret, "splunk_hec only, and required there: the HEC token (a reference: ${VAR} or file:PATH in YAML, env:NAME or file:PATH on the command line).", Prefix)
    {
        HelpName = "REF", Property = nameof(HttpSinkOptions.Token),
    };

    public static readonly OptionSpec Host = new("host", OptionKind.Text, "splunk_hec only: the host of every event (default: this machine's name).", Prefix) { Property = nameof(HttpSinkOptions.Host) };

    public static readonly OptionSpec Source = new("source", OptionKind.Text, "splunk_hec only: the source of every event (default: the event's source name).", Prefix) { Property = nameof(HttpSinkOptions.Source) };

    public static readonly OptionSpec Sourcetype = new("sourcetype", OptionKind.Text, "splunk_hec only: the sourcetype (default: _json with format json, else the token's).", Prefix) { Property = nameof(HttpSinkOptions.Sourcetype) };

    public static readonly OptionSpec Index = new("index", OptionKind.Text, "splunk_hec only: the index (default: the token's).", Prefix) { Property = nameof(HttpSinkOptions.Index) };

    public static readonly OptionSpec MaxBatchEvents = new("max_batch_events", OptionKind.Int, "Most records in one request.", Prefix)
    {
        Minimum = 1, Maximum = HttpSinkOptions.MaximumBatchEvents, Default = "500", HelpName = "N", Property = nameof(HttpSinkOptions.MaxBatchEvents),
    };

    public static readonly OptionSpec MaxBatchBytes = new("max_batch_bytes", OptionKind.Size, "Largest request body before compression (1KB..256MB).", Prefix)
    {
        Default = "1MiB", HelpName = "SIZE", Property = nameof(HttpSinkOptions.MaxBatchBytes),
    };

    public static readonly OptionSpec RequestTimeout = new("request_timeout", OptionKind.Duration, "Limit for one request, up to 10m.", Prefix)
    {
        MinimumDuration = TimeSpan.FromSeconds(1), Default = "30s", HelpName = "DURATION", Property = nameof(HttpSinkOptions.RequestTimeout),
    };

    public static readonly OptionSpec Gzip = new("gzip", OptionKind.Bool, "Compress request bodies (Content-Encoding: gzip).", Prefix) { Default = "false", Property = nameof(HttpSinkOptions.Gzip) };

    public static readonly OptionSpec AllowInsecureHttp = new("allow_insecure_http", OptionKind.Bool, "Allow http:// to another host. Insecure: a warning is printed at every start.", Prefix)
    {
        Default = "false", Property = nameof(HttpSinkOptions.AllowInsecureHttp),
    };

    public static readonly OptionSpec CaFile = new("ca_file", OptionKind.Path, "https:// only: PEM file of the CA(s) that issued the collector's certificate (instead of the system's roots).", Prefix)
    {
        HelpName = "FILE", Property = nameof(HttpSinkOptions.CaFile),
    };

    public static readonly OptionSpec ClientCertificate = new("client_certificate", OptionKind.Path, "https:// only: PEM file with a client certificate (and its key, unless client_key is set).", Prefix)
    {
        HelpName = "FILE", Property = nameof(HttpSinkOptions.ClientCertificateFile),
    };

    public static readonly OptionSpec ClientKey = new("client_key", OptionKind.Path, "https:// only: PEM file with the client certificate's unencrypted private key.", Prefix)
    {
        HelpName = "FILE", Property = nameof(HttpSinkOptions.ClientKeyFile),
    };

    public static readonly OptionSpec InsecureSkipVerify = new("insecure_skip_verify", OptionKind.Bool, "https:// only: accept any server certificate. Insecure: a warning is printed at every start.", Prefix)
    {
        Default = "false", Property = nameof(HttpSinkOptions.InsecureSkipVerify),
    };

    public static readonly OptionSpec Headers = new("headers", OptionKind.Map, "Extra headers whose values are not secret (command line: --http-header NAME=VALUE, repeated).", Prefix)
    {
        Flag = "--http-header", HelpName = "NAME=VALUE", Property = nameof(HttpSinkOptions.Headers),
    };

    public static readonly OptionSpec SecretHeaders = new("secret_headers", OptionKind.SecretMap, "Headers whose values are credentials, each a reference (command line: --http-secret-header NAME=env:VAR or NAME=file:PATH, repeated).", Prefix)
    {
        Flag = "--http-secret-header", HelpName = "NAME=REF", Property = nameof(HttpSinkOptions.SecretHeaders),
    };

    public override string Type => "http";

    public override string Summary => "Batches of records to an HTTP collector: NDJSON, or Splunk HEC.";

    public override string DefaultFormat => "json";

    public override OptionSpec Target => Endpoint;

    public override IReadOnlyList<OptionSpec> Options { get; } =
    [
        Endpoint, Mode, Token, Host, Source, Sourcetype, Index, MaxBatchEvents, MaxBatchBytes, RequestTimeout, Gzip, AllowInsecureHttp,
        CaFile, ClientCertificate, ClientKey, InsecureSkipVerify, Headers, SecretHeaders,
    ];

    public override SinkBinding Bind(OptionReader reader, IEventFormatter? formatter)
    {
        if (formatter?.Name == "csv")
        {
            reader.Source.ComponentError(FormatSelection.Format, "csv cannot go to an http collector (a record may span lines and needs its header); use json, cef or leef");
        }

        var options = new HttpSinkOptions
        {
            Endpoint = reader.Text(Endpoint) ?? string.Empty,
            Mode = reader.Choice(Mode) == "splunk_hec" ? HttpSinkMode.SplunkHec : HttpSinkMode.Ndjson,
            Token = reader.Secret(Token),
            Host = reader.Text(Host),
            Source = reader.Text(Source),
            Sourcetype = reader.Text(Sourcetype),
            Index = reader.Text(Index),
            MaxBatchEvents = reader.Int(MaxBatchEvents) ?? HttpSinkOptions.DefaultMaxBatchEvents,
            MaxBatchBytes = (int)Math.Clamp(reader.Size(MaxBatchBytes) ?? HttpSinkOptions.DefaultMaxBatchBytes, 0, int.MaxValue),
            RequestTimeout = reader.Duration(RequestTimeout) ?? HttpSinkOptions.DefaultRequestTimeout,
            Gzip = reader.Bool(Gzip) ?? false,
            AllowInsecureHttp = reader.Bool(AllowInsecureHttp) ?? false,
            CaFile = reader.Path(CaFile),
            ClientCertificateFile = reader.Path(ClientCertificate),
            ClientKeyFile = reader.Path(ClientKey),
            InsecureSkipVerify = reader.Bool(InsecureSkipVerify) ?? false,
        };
        foreach (var (name, value) in reader.Map(Headers) ?? [])
        {
            options.Headers[name] = value;
        }

        foreach (var (name, value) in reader.SecretMap(SecretHeaders) ?? [])
        {
            options.SecretHeaders[name] = value;
        }

        if (options.Endpoint.Length > 0)
        {
            var modes = new Dictionary<string, (OptionSpec, string)>(StringComparer.Ordinal)
            {
                [nameof(HttpSinkMode.SplunkHec)] = (Mode, "splunk_hec"),
                [nameof(HttpSinkMode.Ndjson)] = (Mode, "ndjson"),
            };
            Report(reader, options.Problems(Namer(reader, modes)));
        }

        if (options.InsecureSkipVerify)
        {
            WarnInsecureSkipVerify(reader, InsecureSkipVerify);
        }

        if (options.AllowInsecureHttp)
        {
            reader.Source.Warn($"allows plain http:// to another host ({reader.Source.Name(AllowInsecureHttp)}): the events and the credential headers may cross the network unencrypted");
        }

        var description = $"http {(options.Mode == HttpSinkMode.SplunkHec ? "splunk_hec" : "ndjson")} {Redacted(options.Endpoint)} ({formatter?.Name ?? "?"})"
            + (options.InsecureSkipVerify ? " — TLS certificate NOT verified" : string.Empty)
            + (options.AllowInsecureHttp ? " — plain http to another host" : string.Empty);
        return new SinkBinding(Type, services => HttpSinkFactory.Create(options, formatter, services.Time, services.Redactor), description, DeliveryGuarantee.AtLeastOnce);
    }

    // An endpoint's query may carry a key; the description (logged at start) shows scheme, host and path only.
    private static string Redacted(string endpoint) =>
        Uri.TryCreate(endpoint, UriKind.Absolute, out var url) ? url.GetLeftPart(UriPartial.Path) : endpoint;
}
