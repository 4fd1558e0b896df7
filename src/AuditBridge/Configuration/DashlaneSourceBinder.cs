using AuditBridge.Sources;
using AuditBridge.Sources.Dashlane;

namespace AuditBridge.Configuration;

/// <summary>
/// The <c>dashlane</c> source's keys (docs/configuration.md): by default every poll runs <c>dcli team logs</c> for the
/// window since the checkpoint; with <c>input</c> it reads the JSON lines a dcli cron job writes.
/// </summary>
internal static class DashlaneSourceBinder
{
    private const string DeviceKeysVariable = DashlaneSourceFactory.DeviceKeysVariable;

    public static Func<ComponentServices, ISource> Bind(ConfigMap map, SourceCommon common)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        var credentials = map.Map("credentials");
        if (credentials is not null)
        {
            if (credentials.Secret("device_keys", required: true) is { } keys)
            {
                environment[DeviceKeysVariable] = keys.Reveal();
            }

            credentials.ReportUnknownKeys();
        }

        var input = map.String("input");
        var options = new DashlaneSourceOptions
        {
            SourceName = common.Name,
            DcliPath = map.String("dcli") ?? "dcli",
            Environment = environment,
            Overlap = map.Duration("overlap") ?? TimeSpan.FromDays(1),
            Lag = common.Lag,
            Timeout = map.Duration("timeout", DashlaneSourceOptions.MinimumTimeout) ?? TimeSpan.FromMinutes(30),
            InputPath = input is null ? null : map.Context.FullPath(input),
            Follow = map.Bool("follow") ?? false,
            PageSize = map.Int("page_size", 1, 10_000) ?? 1000,
        };
        if (input is null && credentials is null && !map.DefersSecrets && !map.Context.Environment.ContainsKey(DeviceKeysVariable))
        {
            map.Error(null, "credentials", $"dcli needs the team's device keys: credentials: {{device_keys: ${{{DeviceKeysVariable}}}}} (from 'dcli team credentials generate'), or give input: for a file dcli writes");
        }

        if (options.Validate(hasCheckpoint: true) is { } problem)
        {
            map.Error(null, problem.Contains("overlap", StringComparison.OrdinalIgnoreCase) ? "overlap" : problem.Contains("lag", StringComparison.OrdinalIgnoreCase) ? "lag" : "follow", problem);
        }

        return services => DashlaneSourceFactory.Create(
            options with { Start = services.Time.GetUtcNow() - common.Start },
            (category, action) => services.Severity(DashlaneSourceFactory.Type, category, action),
            services.Time,
            services.Loggers,
            services.Redactor);
    }
}
