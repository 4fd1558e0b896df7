using AuditBridge.Formats;
using AuditBridge.Formats.Cef;
using AuditBridge.Framing;
using AuditBridge.Sinks;
using AuditBridge.Sinks.File;
using AuditBridge.Sinks.Stdout;
using AuditBridge.Sinks.Syslog;

namespace AuditBridge.Configuration;

/// <summary>The keys of the <c>syslog</c>, <c>file</c> and <c>stdout</c> sinks and of their formats (docs/configuration.md).</summary>
internal static class SinkBinder
{
    public static (Func<ComponentServices, ISink> Create, string Description) BindSyslog(ConfigMap map)
    {
        var formatter = Formatter(map, "cef");
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

        var description = $"syslog {options.Endpoint} ({formatter?.Name ?? "?"}, {options.HeaderFormat})"
            + (options.InsecureSkipVerify ? " — TLS certificate NOT verified" : string.Empty);
        return (services => SyslogSinkFactory.Create(options, formatter!, TimeProvider.System), description);
    }

    public static (Func<ComponentServices, ISink> Create, string Description) BindFile(ConfigMap map)
    {
        var formatter = Formatter(map, "json");
        var options = new FileSinkOptions
        {
            Path = Path(map, "path", required: true) ?? string.Empty,
            FlushToDisk = map.Bool("fsync") ?? true,
        };
        if (options.Path.Length > 0)
        {
            foreach (var problem in options.Validate())
            {
                map.Error(null, "path", problem);
            }
        }

        return (services => FileSinkFactory.Create(options, formatter!), $"file {options.Path} ({formatter?.Name ?? "?"})");
    }

    public static (Func<ComponentServices, ISink> Create, string Description) BindStdout(ConfigMap map)
    {
        var formatter = Formatter(map, "json");
        return (services => StdoutSinkFactory.Create(new StdoutSinkOptions(), formatter!, Console.OpenStandardOutput()), $"stdout ({formatter?.Name ?? "?"})");
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

        return format == "cef" ? EventFormatters.Cef(new CefFormatterOptions { Profile = profile ?? CefProfiles.Default }) : EventFormatters.Create(format);
    }

    private static string? Path(ConfigMap map, string key, bool required = false) =>
        map.String(key, required) is { } path ? map.Context.FullPath(path) : null;
}
