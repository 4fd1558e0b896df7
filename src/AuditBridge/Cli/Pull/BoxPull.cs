using System.Globalization;
using AuditBridge.Cli.Credentials;
using AuditBridge.Shell;
using AuditBridge.Sources.Box;

namespace AuditBridge.Cli.Pull;

/// <summary>The Box part of <c>pull box</c>: credentials, the enterprise event stream's filters, and the source.</summary>
internal sealed class BoxPull(BoxPullRequest request) : VendorPull
{
    public override string Vendor => BoxSourceFactory.Type;

    public override string? StartTimeText => request.StartTime?.Text;

    public override (string Option, string Value)? GivenPosition => request.StreamPosition is { } position ? ("--stream-position", position) : null;

    public override PreparedPull Prepare(PullEnvironment environment)
    {
        var credentials = BoxCredentialLoader.Load(environment.Variables, request.BoxConfig is null ? null : environment.FullPath(request.BoxConfig));
        foreach (var secret in credentials.All())
        {
            environment.Redactor.Add(secret);
        }

        var options = new BoxSourceOptions
        {
            ApiUrl = request.ApiUrl,
            OAuthUrl = request.OAuthUrl,
            Credentials = credentials,
            Stream = request.Stream,
            CreatedAfter = request.StartTime?.Resolve(environment.Now),
            CreatedBefore = request.EndTime?.Resolve(environment.Now),
            EventTypes = request.EventTypes,
            Limit = request.Limit,
            InitialStreamPosition = request.StreamPosition,
            ResetMargin = request.ResetMargin,
            Http = environment.HttpOptions,
        };
        if (options.Validate() is { } problem)
        {
            throw new UsageException(CliWords(problem));
        }

        var identity = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["api_url"] = request.ApiUrl.ToString(),
            ["stream"] = request.Stream == BoxStreamType.AdminLogs ? "admin_logs" : "admin_logs_streaming",
        };
        if (request.EventTypes.Count > 0)
        {
            identity["event_type"] = string.Join(',', request.EventTypes.Order(StringComparer.Ordinal));
        }

        if (request.EndTime is { } end)
        {
            identity["end_time"] = end.IsRelative ? end.Text : end.Resolve(environment.Now).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        }

        return new PreparedPull(identity, () => BoxSourceFactory.Create(options, environment.Http, environment.Severity, environment.Context.Time, environment.Loggers, environment.Redactor));
    }

    private static string CliWords(string message) => message
        .Replace("--created-after", "--start-time", StringComparison.Ordinal)
        .Replace("--created-before", "--end-time", StringComparison.Ordinal);
}
