using AuditBridge.Cli.Credentials;
using AuditBridge.Shell;
using AuditBridge.Sources.Dropbox;

namespace AuditBridge.Cli.Pull;

/// <summary>The Dropbox part of <c>pull dropbox</c>: credentials, team_log filters and the source.</summary>
internal sealed class DropboxPull(DropboxPullRequest request) : VendorPull
{
    public override string Vendor => DropboxSourceFactory.Type;

    public override string? StartTimeText => request.StartTime?.Text;

    public override (string Option, string Value)? GivenPosition => request.Cursor is { } cursor ? ("--cursor", cursor) : null;

    public override PreparedPull Prepare(PullEnvironment environment)
    {
        var credentials = DropboxCredentialLoader.Load(environment.Variables, request.SettingsFile is null ? null : environment.FullPath(request.SettingsFile));
        foreach (var secret in credentials.All())
        {
            environment.Redactor.Add(secret);
        }

        var query = new DropboxQuery
        {
            Category = request.Category,
            EventType = request.EventType,
            AccountId = request.AccountId,
            StartTime = request.StartTime is { } start ? DropboxTime.Floor(start.Resolve(environment.Now)) : null,
            EndTime = request.EndTime is { } end ? Ceiling(end.Resolve(environment.Now)) : null,
            Limit = request.Limit,
        };
        if (query.Validate() is { } problem)
        {
            throw new UsageException(problem);
        }

        var options = new DropboxSourceOptions
        {
            ApiUrl = request.ApiUrl,
            OAuthUrl = request.OAuthUrl,
            Credentials = credentials,
            Query = query,
            InitialCursor = request.Cursor,
            ResetMargin = request.ResetMargin,
            Http = environment.HttpOptions,
        };
        return new PreparedPull(
            Identity(query),
            () => DropboxSourceFactory.Create(options, environment.Http, environment.Severity, environment.Context.Time, environment.Loggers, environment.Redactor));
    }

    /// <summary>The filters that make the query what it is (the start time only shapes the first run).</summary>
    private Dictionary<string, string> Identity(DropboxQuery query)
    {
        var identity = new Dictionary<string, string>(StringComparer.Ordinal) { ["api_url"] = request.ApiUrl.ToString() };
        void Add(string key, string? value)
        {
            if (value is not null)
            {
                identity[key] = value;
            }
        }

        Add("category", query.Category);
        Add("event_type", query.EventType);
        Add("account_id", query.AccountId);

        // A relative end ("1h") moves with every run, so its text is what identifies the query.
        Add("end_time", request.EndTime is { IsRelative: true } relative ? relative.Text : query.EndTime is { } end ? DropboxTime.Format(end) : null);
        return identity;
    }

    private static DateTimeOffset Ceiling(DateTimeOffset time)
    {
        var floor = DropboxTime.Floor(time);
        return floor == time ? floor : floor.AddSeconds(1);
    }
}
