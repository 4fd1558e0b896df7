using AuditBridge.Secrets;
using Microsoft.Extensions.Logging;

namespace AuditBridge.Sources.Dashlane;

/// <summary>Creates Dashlane team audit-log sources (the <c>dashlane</c> source type): dcli runs or dcli's JSON-lines files.</summary>
public static class DashlaneSourceFactory
{
    /// <summary>The source type name used in configuration and on the command line.</summary>
    public const string Type = "dashlane";

    /// <summary>The variables whose values are secrets: every <c>DASHLANE_*</c> (the CLI's credentials all start so).</summary>
    public const string SecretVariablePrefix = "DASHLANE_";

    /// <summary>The variable dcli reads the team's credentials from (saas-apis.md C.5).</summary>
    public const string DeviceKeysVariable = "DASHLANE_ENROLLED_TEAM_DEVICE_KEYS";

    /// <summary>Creates a source.</summary>
    /// <param name="options">Mode (dcli or file), window, overlap and limits; see <see cref="DashlaneSourceOptions.Validate"/>.</param>
    /// <param name="severity">Severity 0..10 for (category, log type).</param>
    /// <param name="time">The clock for the default window end and for polling a followed file.</param>
    /// <param name="loggers">Where runs, restarts and skipped lines are reported (never an environment value).</param>
    /// <param name="redactor">Receives every <c>DASHLANE_*</c> value (and its parts), so dcli's messages can be scrubbed.</param>
    /// <exception cref="ArgumentException">The options are not usable (the message is <see cref="DashlaneSourceOptions.Validate"/>'s).</exception>
    public static ISource Create(
        DashlaneSourceOptions options,
        Func<string, string, int> severity,
        TimeProvider time,
        ILoggerFactory loggers,
        SecretRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(severity);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(loggers);
        ArgumentNullException.ThrowIfNull(redactor);

        // The start may come from a checkpoint the factory does not see; ReadAsync says so if neither is there.
        if (options.Validate(hasCheckpoint: true) is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        AddSecrets(options, redactor);
        var logger = loggers.CreateLogger("AuditBridge.Sources.Dashlane");
        var mapper = new DashlaneEventMapper(options.SourceName, severity, DashlaneLogTypes.BuiltIn);
        return options.RunsDcli
            ? new DcliSource(options, mapper, time, redactor, logger)
            : new DashlaneFileSource(options, mapper, time, logger);
    }

    /// <summary>
    /// Every DASHLANE_* value dcli can see — given in the options or inherited from this process — and the keys inside
    /// DASHLANE_ENROLLED_TEAM_DEVICE_KEYS (an access key, then base64 of three more), since a message may echo a part.
    /// </summary>
    internal static void AddSecrets(DashlaneSourceOptions options, SecretRedactor redactor)
    {
        var values = new List<string>();
        foreach (var (name, value) in options.Environment)
        {
            if (name.StartsWith(SecretVariablePrefix, StringComparison.OrdinalIgnoreCase))
            {
                values.Add(value);
            }
        }

        foreach (System.Collections.DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && name.StartsWith(SecretVariablePrefix, StringComparison.OrdinalIgnoreCase) && entry.Value is string value)
            {
                values.Add(value);
            }
        }

        foreach (var value in values)
        {
            redactor.Add(value);
            foreach (var part in value.Split('-', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                redactor.Add(part);
                foreach (var inner in DecodedParts(part))
                {
                    redactor.Add(inner);
                }
            }
        }
    }

    private static string[] DecodedParts(string part)
    {
        var buffer = new byte[part.Length];
        if (!Convert.TryFromBase64String(part, buffer, out var written))
        {
            return [];
        }

        var text = System.Text.Encoding.UTF8.GetString(buffer, 0, written);
        return text.Split('-', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
