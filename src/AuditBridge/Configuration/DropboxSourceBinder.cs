using AuditBridge.Net;
using AuditBridge.Secrets;
using AuditBridge.Sources;
using AuditBridge.Sources.Dropbox;
using AuditBridge.Sources.Http;

namespace AuditBridge.Configuration;

/// <summary>The <c>dropbox</c> source's keys: credentials, the team_log filters, endpoints and retries (docs/configuration.md).</summary>
internal static class DropboxSourceBinder
{
    public static Func<ComponentServices, ISource> Bind(ConfigMap map, SourceCommon common)
    {
        common.RefuseLag(map, "dropbox");
        var credentials = Credentials(map);
        var http = HttpOptions(map);
        var apiUrl = Url(map, "api_url", http) ?? DropboxSourceOptions.DefaultApiUrl;
        var oauthUrl = Url(map, "oauth_url", http) ?? apiUrl;
        var query = new DropboxQuery
        {
            Category = map.String("category"),
            EventType = map.String("event_type"),
            AccountId = map.String("account_id"),
            Limit = map.Int("limit", 1, DropboxQuery.MaxLimit) ?? DropboxQuery.MaxLimit,
        };
        var endTime = map.String("end_time");
        if (endTime is not null)
        {
            map.Error(null, "end_time", "a daemon source polls for new events for ever; an end time belongs to a one-shot 'pull dropbox --end-time'");
        }

        if (query.Validate() is { } problem)
        {
            map.Error(null, query.Category is not null && query.EventType is not null ? "event_type" : "account_id", ConfigKeys(problem));
        }

        var resetMargin = map.Duration("reset_margin", TimeSpan.FromMinutes(1)) ?? TimeSpan.FromHours(1);
        return services => DropboxSourceFactory.Create(
            new DropboxSourceOptions
            {
                SourceName = common.Name,
                ApiUrl = apiUrl,
                OAuthUrl = oauthUrl,
                Credentials = credentials!,
                Query = query with { StartTime = DropboxTime.Floor(services.Time.GetUtcNow() - common.Start) },
                ResetMargin = resetMargin,
                Http = http,
            },
            services.Http,
            (category, action) => services.Severity(DropboxSourceFactory.Type, category, action),
            services.Time,
            services.Loggers,
            services.Redactor);
    }

    /// <summary>The query's messages name command-line options; here the same things are configuration keys.</summary>
    internal static string ConfigKeys(string message) => message
        .Replace("--event-type", "event_type", StringComparison.Ordinal)
        .Replace("--account-id", "account_id", StringComparison.Ordinal)
        .Replace("--start-time", "start", StringComparison.Ordinal)
        .Replace("--end-time", "end_time", StringComparison.Ordinal)
        .Replace("--", string.Empty, StringComparison.Ordinal);

    /// <summary>Shared by every HTTP source: <c>max_wait</c>, <c>retries</c>, <c>request_timeout</c>, <c>allow_insecure_http</c>.</summary>
    internal static VendorHttpOptions HttpOptions(ConfigMap map)
    {
        var options = new VendorHttpOptions
        {
            MaxRateLimitWait = map.Duration("max_wait") ?? TimeSpan.FromMinutes(5),
            MaxAttempts = (map.Int("retries", 0, 100) ?? 5) + 1,
            RequestTimeout = map.Duration("request_timeout", VendorHttpOptions.MinimumRequestTimeout) ?? TimeSpan.FromSeconds(60),
            AllowInsecureHttp = map.Bool("allow_insecure_http") ?? false,
        };
        if (options.AllowInsecureHttp)
        {
            map.Warn("allows plain http:// to its vendor on another host (allow_insecure_http): its credentials, tokens and the audit events may cross the network unencrypted");
        }

        return options;
    }

    /// <summary>A vendor URL: https://, or http:// to this host or with allow_insecure_http; never user:password@.</summary>
    internal static Uri? Url(ConfigMap map, string key, VendorHttpOptions http)
    {
        var text = map.String(key);
        if (text is null)
        {
            return null;
        }

        if (!Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var url))
        {
            map.Error(null, key, $"'{UrlPolicy.Shown(text)}' is not an https:// URL");
            return null;
        }

        if (VendorEndpoint.Check(url, key, http.AllowInsecureHttp, "allow_insecure_http") is { } problem)
        {
            map.Error(null, key, problem);
            return null;
        }

        return url;
    }

    private static DropboxCredentials? Credentials(ConfigMap map)
    {
        var credentials = map.Map("credentials", required: true);
        if (credentials is null)
        {
            return null;
        }

        var errorsBefore = credentials.Context.Errors.Count;
        var access = credentials.Secret("access_token");
        var refresh = credentials.Secret("refresh_token");
        var appKey = credentials.Secret("app_key");
        var appSecret = credentials.Secret("app_secret");
        credentials.ReportUnknownKeys();
        var refreshParts = new Secret?[] { refresh, appKey, appSecret }.Count(s => s is not null);
        if (credentials.Context.Errors.Count > errorsBefore)
        {
            // A secret that could not be read has its own error; "go together" would only repeat it.
        }
        else if (refreshParts is 1 or 2)
        {
            credentials.Error(null, string.Empty, "refresh_token, app_key and app_secret go together");
        }
        else if (access is null && refresh is null && credentials.Context.Errors.Count == 0)
        {
            credentials.Error(null, string.Empty, "needs access_token, or refresh_token with app_key and app_secret (each as ${VARIABLE} or file:PATH)");
        }

        return new DropboxCredentials { AccessToken = access, RefreshToken = refresh, AppKey = appKey, AppSecret = appSecret };
    }
}
