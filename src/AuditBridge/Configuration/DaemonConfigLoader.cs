using System.Globalization;
using System.Text;
using AuditBridge.Components;
using AuditBridge.Events.Severity;
using AuditBridge.Journal;
using AuditBridge.Settings;
using Microsoft.Extensions.Logging;

namespace AuditBridge.Configuration;

/// <summary>
/// Reads and validates <c>auditbridge.yaml</c>. Every problem is collected and reported at once with file:line:column,
/// unknown keys get a did-you-mean. Secrets are only accepted as <c>${VAR}</c> or <c>file:PATH</c>.
/// </summary>
internal static class DaemonConfigLoader
{
    public const string DefaultJournalFile = "auditbridge.db";
    public const int DefaultMetricsPort = 9464;

    private static readonly IReadOnlyDictionary<string, Func<ConfigMap, SourceCommon, Func<ComponentServices, AuditBridge.Sources.ISource>>> SourceBinders =
        new Dictionary<string, Func<ConfigMap, SourceCommon, Func<ComponentServices, AuditBridge.Sources.ISource>>>(StringComparer.Ordinal)
        {
            ["dropbox"] = DropboxSourceBinder.Bind,
            ["box"] = BoxSourceBinder.Bind,
            ["dashlane"] = DashlaneSourceBinder.Bind,
        };

    public static IReadOnlyCollection<string> SourceTypes => [.. SourceBinders.Keys];

    public static IReadOnlyCollection<string> SinkTypes => [.. ComponentRegistry.Sinks.Select(s => s.Type)];

    /// <summary>Loads and validates the configuration.</summary>
    /// <exception cref="ConfigurationException">Every problem found.</exception>
    public static DaemonConfig Load(string path, string displayName, IReadOnlyDictionary<string, string> environment)
    {
        var root = ConfigDocument.Load(path, displayName, environment);
        var context = root.Context;

        var journal = Journal(root);
        var listen = Listen(root);
        var log = Log(root);
        var severity = Severity(root);
        var sources = Sources(root);
        var sinks = Sinks(root, sources);
        root.ReportUnknownKeys();
        context.ThrowIfErrors();
        return new DaemonConfig(displayName, journal, listen, log, sources, sinks, severity);
    }

    private static JournalSettings Journal(ConfigMap root)
    {
        var map = root.Map("journal");
        var type = map?.OneOf("type", [.. JournalFactory.Types]) ?? JournalFactory.Types[0];
        var path = map?.String("path") is { } p ? root.Context.FullPath(p) : root.Context.FullPath(DefaultJournalFile);
        var retention = map?.Duration("retention", TimeSpan.FromHours(1));
        map?.ReportUnknownKeys();
        return new JournalSettings(type, path, retention);
    }

    private static ListenSettings? Listen(ConfigMap root)
    {
        var text = root.String("listen");
        var allowRemote = root.Bool("listen_allow_remote") ?? false;
        if (text is null)
        {
            return new ListenSettings("127.0.0.1", DefaultMetricsPort);
        }

        if (string.Equals(text, "off", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 0 or > 65535)
        {
            root.Error(null, "listen", $"'{text}' is not HOST:PORT (for example 127.0.0.1:{DefaultMetricsPort}) or off");
            return null;
        }

        var host = text[..colon].Trim('[', ']');
        System.Net.IPAddress? address = null;
        if (host != "localhost" && !System.Net.IPAddress.TryParse(host, out address))
        {
            root.Error(null, "listen", $"'{host}' is not an IP address (the endpoint listens on one address, for example 127.0.0.1)");
            return null;
        }

        // /healthz and /metrics have no authentication and name every source and sink with their backlogs and errors:
        // they stay on this machine unless the configuration says, in so many words, that they may not.
        var remote = address is not null && !System.Net.IPAddress.IsLoopback(address);
        if (remote && !allowRemote)
        {
            root.Error(
                null,
                "listen",
                $"'{host}' is not a loopback address: /healthz and /metrics have no authentication and show every source and sink with its backlog and errors; listen on 127.0.0.1 (and let a local agent or proxy scrape), or set listen_allow_remote: true");
            return null;
        }

        return new ListenSettings(host, port, remote);
    }

    private static LogSettings Log(ConfigMap root)
    {
        var map = root.Map("log");
        var level = map?.OneOf("level", "debug", "information", "warning", "error") switch
        {
            "debug" => LogLevel.Debug,
            "warning" => LogLevel.Warning,
            "error" => LogLevel.Error,
            _ => LogLevel.Information,
        };
        var json = map?.OneOf("format", "text", "json") == "json";
        map?.ReportUnknownKeys();
        return new LogSettings(level, json);
    }

    private static SeverityPolicy Severity(ConfigMap root)
    {
        var map = root.Map("severity");
        var policy = SeverityPolicy.BuiltIn;
        if (map is null)
        {
            return policy;
        }

        if (map.String("map_file") is { } file)
        {
            try
            {
                policy = policy.WithFile(root.Context.FullPath(file));
            }
            catch (Exception e) when (e is SeverityPolicyException or IOException)
            {
                map.Error(null, "map_file", e.Message);
            }
        }

        if (map.Map("vendors") is { } vendors)
        {
            // The inline form has the shape of the map file; it is checked here, with YAML positions, then merged.
            var json = InlineSeverityJson(vendors);
            if (json is not null)
            {
                policy = policy.WithJson(Encoding.UTF8.GetBytes(json), root.Context.File);
            }
        }

        if (map.Int("default", SeverityPolicy.MinSeverity, SeverityPolicy.MaxSeverity) is { } fallback)
        {
            policy = policy.WithDefaultSeverity(fallback);
        }

        map.ReportUnknownKeys();
        return policy;
    }

    private static string? InlineSeverityJson(ConfigMap vendors)
    {
        var ok = true;
        var json = new StringBuilder("{\"vendors\":{");
        var firstVendor = true;
        foreach (var (vendor, _) in vendors.Entries().ToList())
        {
            var vendorMap = vendors.Map(vendor);
            if (vendorMap is null)
            {
                ok = false;
                continue;
            }

            json.Append(firstVendor ? string.Empty : ",").Append(System.Text.Json.JsonSerializer.Serialize(vendor)).Append(":{");
            firstVendor = false;
            var firstPart = true;
            if (vendorMap.Int("default", SeverityPolicy.MinSeverity, SeverityPolicy.MaxSeverity) is { } vendorDefault)
            {
                json.Append(CultureInfo.InvariantCulture, $"\"default\":{vendorDefault}");
                firstPart = false;
            }

            foreach (var part in new[] { "categories", "event_types" })
            {
                if (vendorMap.Map(part) is not { } table)
                {
                    continue;
                }

                json.Append(firstPart ? string.Empty : ",").Append('"').Append(part).Append("\":{");
                firstPart = false;
                var firstEntry = true;
                foreach (var (name, _) in table.Entries().ToList())
                {
                    if (table.Int(name, SeverityPolicy.MinSeverity, SeverityPolicy.MaxSeverity) is { } value)
                    {
                        json.Append(firstEntry ? string.Empty : ",").Append(System.Text.Json.JsonSerializer.Serialize(name)).Append(':').Append(value.ToString(CultureInfo.InvariantCulture));
                        firstEntry = false;
                    }
                    else
                    {
                        ok = false;
                    }
                }

                json.Append('}');
                table.ReportUnknownKeys();
            }

            json.Append('}');
            vendorMap.ReportUnknownKeys();
        }

        json.Append("}}");
        return ok ? json.ToString() : null;
    }

    private static List<SourceSettings> Sources(ConfigMap root)
    {
        var sources = new List<SourceSettings>();
        var list = root.MapList("sources");
        if (list.Count == 0)
        {
            root.Error(null, "sources", "at least one source is needed (type: " + string.Join(" | ", SourceBinders.Keys) + ")");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var map in list)
        {
            var type = map.OneOf("type", [.. SourceBinders.Keys]);
            var name = map.String("name") ?? type;
            if (name is not null && !names.Add(name))
            {
                map.Error(map.Node, "name", $"another source is already named '{name}' (names must be unique)");
            }

            var enabled = map.Bool("enabled") ?? true;
            map.DefersSecrets = !enabled;
            var interval = map.Duration("interval", TimeSpan.FromSeconds(10)) ?? TimeSpan.FromMinutes(5);
            var start = map.Duration("start") ?? TimeSpan.FromDays(30);
            var lag = map.Duration("lag") ?? TimeSpan.Zero;
            if (type is null)
            {
                // Without a known type the other keys cannot be judged; the type's error says what to fix first.
                continue;
            }

            if (name is not null && SourceBinders.TryGetValue(type, out var bind))
            {
                var create = bind(map, new SourceCommon(name, start, lag));
                sources.Add(new SourceSettings(name, type, enabled, interval, start, lag, create) { Warnings = map.Warnings });
            }

            map.ReportUnknownKeys();
        }

        return sources;
    }

    private static List<SinkSettings> Sinks(ConfigMap root, List<SourceSettings> sources)
    {
        var sinks = new List<SinkSettings>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var known = sources.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var map in root.MapList("sinks"))
        {
            var type = map.OneOf("type", [.. SinkTypes]);
            var name = map.String("name") ?? type;
            if (name is not null && !names.Add(name))
            {
                map.Error(map.Node, "name", $"another sink is already named '{name}' (names must be unique)");
            }

            var enabled = map.Bool("enabled") ?? true;
            map.DefersSecrets = !enabled;
            var minSeverity = map.Int("min_severity", SeverityPolicy.MinSeverity, SeverityPolicy.MaxSeverity) ?? 0;
            HashSet<string>? from = null;
            if (map.StringList("sources") is { } selected)
            {
                from = selected.ToHashSet(StringComparer.Ordinal);
                foreach (var unknown in from.Where(s => !known.Contains(s)))
                {
                    var suggestion = DidYouMean.Suggest(unknown, known);
                    map.Error(null, "sources", $"no source is named '{unknown}'" + (suggestion is null ? string.Empty : $" (did you mean '{suggestion}'?)"));
                }
            }

            if (type is null)
            {
                continue;
            }

            var definition = ComponentRegistry.Sink(type);
            var reader = new OptionReader(new YamlOptionSource(map));
            var binding = definition.Bind(reader, FormatSelection.Read(reader, definition.DefaultFormat));
            if (name is not null)
            {
                sinks.Add(new SinkSettings(
                    name,
                    type,
                    enabled,
                    from,
                    minSeverity,
                    binding.Description,
                    services => binding.Create(new SinkServices(services.Time, services.Loggers, services.Redactor)),
                    binding.Guarantee) { Warnings = map.Warnings });
            }

            map.ReportUnknownKeys();
        }

        return sinks;
    }
}
