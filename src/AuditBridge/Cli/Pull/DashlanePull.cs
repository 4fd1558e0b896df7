using AuditBridge.Cli.Credentials;
using AuditBridge.Shell;
using AuditBridge.Sources;
using AuditBridge.Sources.Dashlane;

namespace AuditBridge.Cli.Pull;

/// <summary>The Dashlane part of <c>pull dashlane</c>: dcli (or its files), the window, and the source.</summary>
internal sealed class DashlanePull(DashlanePullRequest request) : VendorPull
{
    private DashlaneSourceOptions? _options;

    public override string Vendor => DashlaneSourceFactory.Type;

    public override string? StartTimeText => request.StartTime?.Text;

    public override PreparedPull Prepare(PullEnvironment environment)
    {
        // dcli gets the whole environment (.env included): DASHLANE_ENROLLED_TEAM_DEVICE_KEYS goes through untouched,
        // once it is known to be long enough to be redacted.
        if (EnvironmentSecrets.Read(environment.Variables, DashlaneSourceFactory.DeviceKeysVariable) is { } keys)
        {
            environment.Redactor.Add(keys);
        }

        foreach (var (name, value) in environment.Variables)
        {
            if (name.StartsWith(DashlaneSourceFactory.SecretVariablePrefix, StringComparison.Ordinal) && value.Length > 0)
            {
                environment.Redactor.Add(value);
            }
        }

        var options = new DashlaneSourceOptions
        {
            DcliPath = request.Dcli,
            Environment = environment.Variables,
            Start = request.StartTime?.Resolve(environment.Now),
            End = request.EndTime?.Resolve(environment.Now),
            Overlap = request.Overlap,
            Lag = request.Lag,
            Timeout = request.Timeout,
            InputPath = request.Input is null or "-" ? request.Input : environment.FullPath(request.Input),
            StandardInput = request.Input == "-" ? environment.Context.StandardInput : null,
            Follow = request.Follow,
        };
        if (options.Validate(hasCheckpoint: true) is { } problem)
        {
            throw new UsageException(CliWords(problem));
        }

        _options = options;
        var identity = new Dictionary<string, string>(StringComparer.Ordinal) { ["mode"] = options.RunsDcli ? "dcli" : "file" };
        if (options.InputPath is { } input)
        {
            identity["input"] = input;
        }

        return new PreparedPull(identity, () => DashlaneSourceFactory.Create(options, environment.Severity, environment.Context.Time, environment.Loggers, environment.Redactor));
    }

    public override string? CheckResume(Checkpoint? resumeFrom) =>
        _options?.Validate(hasCheckpoint: resumeFrom is not null) is { } problem ? CliWords(problem) : null;

    private static string CliWords(string message) => message.Replace("(--start)", "(--start-time)", StringComparison.Ordinal);
}
