using AuditBridge.Formats;
using AuditBridge.Formats.Cef;
using AuditBridge.Framing;
using AuditBridge.Sinks;
using AuditBridge.Sinks.File;
using AuditBridge.Sinks.Http;
using AuditBridge.Sinks.Stdout;
using AuditBridge.Sinks.Syslog;
using AuditBridge.Sources;

namespace AuditBridge.Configuration;

/// <summary>
/// The keys of the <c>syslog</c>, <c>file</c> and <c>stdout</c> sinks and of their formats (docs/configuration.md). Each
/// binder gives how to build the sink, a description for the start log, and its delivery guarantee (for <c>status</c>).
/// </summary>
internal static class SinkBinder
{
    public static (Func<ComponentServices, ISink> Create, string Description, DeliveryGuarantee Guarantee) BindSyslog(ConfigMap map)
    {
        var formatter = Formatter(map, "cef");
        if (formatter is not null && SyslogSinkFactory.RefusedFormat(formatter) is { } refused)
        {
            map.Error(null, "format", $"{refused} (a file sink)");
        }

        var options = new SyslogSinkOptions
        {
            Endpoint = map.String("endpoint", required: true) ?? string.Empty,
            HeaderFormat = map.OneOf("header", "rfc5424", "rfc3164", "none") switch
            {
                "rfc3164" => SyslogHeaderFormat.Rfc3164,
                "none" => SyslogHeaderFormat.None,
                _ => SyslogHeaderFormat.Rfc5424,
            },
            Framing = map.OneOf("framing", "octet", "newline") == "newline" ? FramingMethod.Newline : FramingMethod.OctetCounting,
            HostName = map.String("hostname"),
            AppName = map.String("app_name") ?? "auditbridge",
            MaxDatagramBytes = map.Int("max_datagram", SyslogSinkOptions.MinimumMessageBytes, SyslogSinkOptions.MaximumDatagramBytes) ?? 1400,
            MaxRate = map.Int("max_rate", 0, SyslogSinkOptions.MaximumMaxRate) ?? SyslogSinkOptions.DefaultMaxRate,
            CaFile = Path(map, "ca_file"),
            ClientCertificateFile = Path(map, "client_certificate"),
            ClientKeyFile = Path(map, "client_key"),
            InsecureSkipVerify = map.Bool("insecure_skip_verify") ?? false,
        };
        if (map.String("facility") is { } facility)
        {
            if (SyslogPriority.TryParseFacility(facility, out var parsed))
            {
                options.Facility = parsed;
            }
            else
            {
                map.Error(null, "facility", $"'{facility}' is not a syslog facility (kern, user, … local0..local7, or 0..23)");
            }
        }

        if (options.Endpoint.Length > 0)
        {
            foreach (var problem in options.Validate())
            {
                map.Error(null, "endpoint", problem);
            }
        }

        var isUdp = options.Endpoint.StartsWith("udp://", StringComparison.OrdinalIgnoreCase);
        if (map.Has("max_rate") && !isUdp)
        {
            map.Error(null, "max_rate", "applies to udp:// endpoints only (TCP and TLS receivers slow the sender down themselves)");
        }

        WarnInsecure(map, options.InsecureSkipVerify, allowInsecureHttp: false);
        var description = $"syslog {options.Endpoint} ({formatter?.Name ?? "?"}, {options.HeaderFormat})"
            + (isUdp ? (options.MaxRate == 0 ? ", best effort, unpaced" : $", best effort, at most {options.MaxRate:N0} datagrams/s") : string.Empty)
            + (options.InsecureSkipVerify ? " — TLS certificate NOT verified" : string.Empty);
        return (services => SyslogSinkFactory.Create(options, formatter!, TimeProvider.System), description, isUdp ? DeliveryGuarantee.BestEffort : DeliveryGuarantee.AtLeastOnce);
    }

    public static (Func<ComponentServices, ISink> Create, string Description, DeliveryGuarantee Guarantee) BindFile(ConfigMap map)
    {
        var formatter = Formatter(map, "json");
        var options = new FileSinkOptions
        {
            Path = Path(map, "path", required: true) ?? string.Empty,
            FlushToDisk = map.Bool("fsync") ?? true,
            MaxBytes = map.Size("max_bytes"),
            RotateDaily = map.Bool("rotate_daily") ?? false,
            KeepFiles = map.Int("keep_files", 1, 100_000),
            FollowSymlinks = map.Bool("follow_symlinks") ?? false,
        };
        if (options.Path.Length > 0)
        {
            foreach (var problem in options.Validate())
            {
                map.Error(null, "path", YamlNames(problem));
            }
        }

        var rotation = options.MaxBytes is { } max ? $", rotated at {max:N0} bytes" : string.Empty;
        rotation += options.RotateDaily ? ", rotated daily" : string.Empty;
        rotation += options.FollowSymlinks ? ", written through a symbolic link at its path" : string.Empty;
        return (
            services => FileSinkFactory.Create(options, formatter!, services.Time, services.Loggers.CreateLogger("AuditBridge.Sinks.File")),
            $"file {options.Path} ({formatter?.Name ?? "?"}{rotation})",
            DeliveryGuarantee.AtLeastOnce);
    }

    public static (Func<ComponentServices, ISink> Create, string Description, DeliveryGuarantee Guarantee) BindHttp(ConfigMap map)
    {
        var formatter = Formatter(map, "json");
        if (formatter?.Name == "csv")
        {
            map.Error(null, "format", "csv cannot go to an http collector (a record may span lines and needs its header); use json, cef or leef");
        }

        var options = new HttpSinkOptions
        {
            Endpoint = map.String("endpoint", required: true) ?? string.Empty,
            Mode = map.OneOf("mode", "ndjson", "splunk_hec") == "splunk_hec" ? HttpSinkMode.SplunkHec : HttpSinkMode.Ndjson,
            Token = map.Secret("token"),
            Host = map.String("host"),
            Source = map.String("source"),
            Sourcetype = map.String("sourcetype"),
            Index = map.String("index"),
            MaxBatchEvents = map.Int("max_batch_events", 1, HttpSinkOptions.MaximumBatchEvents) ?? HttpSinkOptions.DefaultMaxBatchEvents,
            MaxBatchBytes = (int)Math.Clamp(map.Size("max_batch_bytes") ?? HttpSinkOptions.DefaultMaxBatchBytes, 0, int.MaxValue),
            RequestTimeout = map.Duration("request_timeout", TimeSpan.FromSeconds(1)) ?? HttpSinkOptions.DefaultRequestTimeout,
            Gzip = map.Bool("gzip") ?? false,
            AllowInsecureHttp = map.Bool("allow_insecure_http") ?? false,
            CaFile = Path(map, "ca_file"),
            ClientCertificateFile = Path(map, "client_certificate"),
            ClientKeyFile = Path(map, "client_key"),
            InsecureSkipVerify = map.Bool("insecure_skip_verify") ?? false,
        };
        if (map.Map("headers") is { } headers)
        {
            foreach (var (name, _) in headers.Entries().ToList())
            {
                if (headers.String(name) is { } value)
                {
                    options.Headers[name] = value;
                }
            }
        }

        if (map.Map("secret_headers") is { } secretHeaders)
        {
            foreach (var (name, _) in secretHeaders.Entries().ToList())
            {
                if (secretHeaders.Secret(name) is { } value)
                {
                    options.SecretHeaders[name] = value;
                }
            }
        }

        if (options.Endpoint.Length > 0)
        {
            foreach (var problem in options.Validate())
            {
                map.Error(null, KeyOf(problem), YamlNames(problem));
            }
        }

        WarnInsecure(map, options.InsecureSkipVerify, options.AllowInsecureHttp);
        var description = $"http {(options.Mode == HttpSinkMode.SplunkHec ? "splunk_hec" : "ndjson")} {Redacted(options.Endpoint)} ({formatter?.Name ?? "?"})"
            + (options.InsecureSkipVerify ? " — TLS certificate NOT verified" : string.Empty)
            + (options.AllowInsecureHttp ? " — plain http to another host" : string.Empty);
        return (services => HttpSinkFactory.Create(options, formatter, services.Time, services.Redactor), description, DeliveryGuarantee.AtLeastOnce);
    }

    // docs/configuration.md promises a warning at every start for each insecure option that is on.
    private static void WarnInsecure(ConfigMap map, bool insecureSkipVerify, bool allowInsecureHttp)
    {
        if (insecureSkipVerify)
        {
            map.Warn("does not verify the receiver's TLS certificate (insecure_skip_verify): anyone on the network path can read and change what it sends, credentials included");
        }

        if (allowInsecureHttp)
        {
            map.Warn("allows plain http:// to another host (allow_insecure_http): the events and the credential headers may cross the network unencrypted");
        }
    }

    // The options' messages start with the property they are about: that property's key is where the error points.
    // Messages about the endpoint itself start otherwise.
    private static string KeyOf(string problem)
    {
        var first = problem.Split(' ', 2)[0].TrimEnd(':', ',', '.');
        return Array.Find(OptionKeys, k => k.Option == first).Key ?? "endpoint";
    }

    // The options' messages name their properties; in a configuration the same things are YAML keys.
    private static string YamlNames(string message)
    {
        foreach (var (option, _, phrase) in OptionKeys)
        {
            if (phrase is not null)
            {
                message = message.Replace(option, phrase, StringComparison.Ordinal);
            }
        }

        return message;
    }

    // Option name, the YAML key an error about it points at, and how messages say it (null: as it stands, because the
    // word is also plain English there). Longer names first: replacing "Headers" must not see "SecretHeaders".
    private static readonly (string Option, string Key, string? Phrase)[] OptionKeys =
    [
        ("SplunkHec", "mode", "mode splunk_hec"), ("Ndjson", "mode", "mode ndjson"), ("Mode", "mode", null),
        ("MaxBatchEvents", "max_batch_events", "max_batch_events"), ("MaxBatchBytes", "max_batch_bytes", "max_batch_bytes"),
        ("RequestTimeout", "request_timeout", "request_timeout"), ("AllowInsecureHttp", "allow_insecure_http", "allow_insecure_http"),
        ("InsecureSkipVerify", "insecure_skip_verify", "insecure_skip_verify"), ("ClientCertificateFile", "client_certificate", "client_certificate"),
        ("ClientKeyFile", "client_key", "client_key"), ("CaFile", "ca_file", "ca_file"), ("SecretHeaders", "secret_headers", "secret_headers"),
        ("Headers", "headers", "headers"), ("Header", "headers", null), ("Sourcetype", "sourcetype", "sourcetype"), ("Source", "source", null),
        ("Host", "host", null), ("Endpoint", "endpoint", "endpoint"), ("Token", "token", "token"), ("Index", "index", "index"),
        ("MaxBytes", "max_bytes", "max_bytes"), ("RotateDaily", "rotate_daily", "rotate_daily"), ("KeepFiles", "keep_files", "keep_files"),
        ("FlushToDisk", "fsync", "fsync"), ("FollowSymlinks", "follow_symlinks", "follow_symlinks"), ("Path", "path", null), ("Path ", "path", "path "),
    ];

    // An endpoint's query may carry a key; the description (logged at start) shows scheme, host and path only.
    private static string Redacted(string endpoint) =>
        Uri.TryCreate(endpoint, UriKind.Absolute, out var url) ? url.GetLeftPart(UriPartial.Path) : endpoint;

    public static (Func<ComponentServices, ISink> Create, string Description, DeliveryGuarantee Guarantee) BindStdout(ConfigMap map)
    {
        var formatter = Formatter(map, "json");
        return (services => StdoutSinkFactory.Create(new StdoutSinkOptions(), formatter!, Console.OpenStandardOutput()), $"stdout ({formatter?.Name ?? "?"})", DeliveryGuarantee.AtLeastOnce);
    }

    private static IEventFormatter? Formatter(ConfigMap map, string defaultFormat)
    {
        var format = map.OneOf("format", [.. EventFormatters.Names]) ?? (map.Has("format") ? null : defaultFormat);
        var profile = map.OneOf("cef_profile", [.. CefProfiles.All]);
        if (format is null)
        {
            return null;
        }

        if (profile is not null && format != "cef")
        {
            map.Error(null, "cef_profile", "applies to format: cef only");
        }

        return format == "cef"
            ? EventFormatters.Cef(new CefFormatterOptions { Profile = profile ?? CefProfiles.Default, Products = VendorProducts.All })
            : EventFormatters.Create(format, VendorProducts.All);
    }

    private static string? Path(ConfigMap map, string key, bool required = false) =>
        map.String(key, required) is { } path ? map.Context.FullPath(path) : null;
}
