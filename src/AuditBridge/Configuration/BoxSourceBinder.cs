using AuditBridge.Secrets;
using AuditBridge.Sources;
using AuditBridge.Sources.Box;

namespace AuditBridge.Configuration;

/// <summary>The <c>box</c> source's keys: credentials (one of three methods), stream, event types, endpoints and retries (docs/configuration.md).</summary>
internal static class BoxSourceBinder
{
    public static Func<ComponentServices, ISource> Bind(ConfigMap map, SourceCommon common)
    {
        common.RefuseLag(map, "box");
        var credentials = Credentials(map);
        var http = DropboxSourceBinder.HttpOptions(map);
        var apiUrl = DropboxSourceBinder.Url(map, "api_url", http) ?? BoxSourceOptions.DefaultApiUrl;
        var oauthUrl = DropboxSourceBinder.Url(map, "oauth_url", http) ?? apiUrl;
        var stream = map.OneOf("stream", "admin_logs", "admin_logs_streaming") == "admin_logs_streaming"
            ? BoxStreamType.AdminLogsStreaming
            : BoxStreamType.AdminLogs;
        var options = new BoxSourceOptions
        {
            SourceName = common.Name,
            ApiUrl = apiUrl,
            OAuthUrl = oauthUrl,
            Credentials = credentials ?? BoxCredentials.FromDeveloperToken(Secret.Identifier("unset", "unset")),
            Stream = stream,
            EventTypes = map.StringList("event_types") ?? [],
            Limit = map.Int("limit", 1, BoxSourceOptions.MaxLimit) ?? BoxSourceOptions.MaxLimit,
            InitialStreamPosition = map.String("stream_position"),
            ResetMargin = map.Duration("reset_margin", TimeSpan.FromMinutes(1)) ?? TimeSpan.FromHours(1),
            Http = http,
        };

        // Box ignores created_after on the streaming stream, so 'start' cannot bound a first read there: the stream
        // starts at the two weeks Box keeps, or at stream_position. Only admin_logs gets a window.
        if (credentials is not null && options.Validate() is { } problem)
        {
            map.Error(null, Key(problem), DropboxSourceBinder.ConfigKeys(problem.Replace("--event-type values", "event_types values", StringComparison.Ordinal).Replace("--stream-position", "stream_position", StringComparison.Ordinal)));
        }

        return services => BoxSourceFactory.Create(
            stream == BoxStreamType.AdminLogs && options.InitialStreamPosition is null
                ? options with { CreatedAfter = services.Time.GetUtcNow() - common.Start }
                : options,
            services.Http,
            (category, action) => services.Severity(BoxSourceFactory.Type, category, action),
            services.Time,
            services.Loggers,
            services.Redactor);
    }

    private static string Key(string problem) =>
        problem.Contains("--limit", StringComparison.Ordinal) ? "limit"
        : problem.Contains("--event-type", StringComparison.Ordinal) ? "event_types"
        : problem.Contains("--stream-position", StringComparison.Ordinal) ? "stream_position"
        : problem.Contains("credentials", StringComparison.OrdinalIgnoreCase) ? "credentials"
        : string.Empty;

    private static BoxCredentials? Credentials(ConfigMap map)
    {
        var credentials = map.Map("credentials", required: true);
        if (credentials is null)
        {
            return null;
        }

        var errorsBefore = credentials.Context.Errors.Count;
        var clientId = credentials.Secret("client_id");
        var clientSecret = credentials.Secret("client_secret");

        // The enterprise id is an identifier, not a secret: it may be written as it is.
        var enterpriseText = credentials.Has("enterprise_id") && credentials.String("enterprise_id") is { } id ? id : null;
        var enterpriseId = enterpriseText is null ? null
            : ConfigInterpolation.IsSingleReference(enterpriseText) ? credentials.Secret("enterprise_id", isIdentifier: true)
            : Secret.Identifier(enterpriseText, "enterprise_id");
        var developerToken = credentials.Secret("developer_token");
        var jwtFile = credentials.String("jwt_config_file");
        var passphrase = credentials.Secret("jwt_passphrase");
        credentials.ReportUnknownKeys();
        BoxJwtSettings? jwt = null;
        if (credentials.DefersSecrets)
        {
            // A disabled source: its app config file need not exist here; the keys above were checked for their form.
            return null;
        }

        if (jwtFile is not null)
        {
            try
            {
                jwt = BoxAppConfig.Load(credentials.Context.FullPath(jwtFile), passphrase);
            }
            catch (SourceException e)
            {
                credentials.Error(null, "jwt_config_file", e.Message);
                return null;
            }
        }
        else if (passphrase is not null)
        {
            credentials.Error(null, "jwt_passphrase", "a passphrase belongs to jwt_config_file; give the app's config file too");
        }

        var result = new BoxCredentials { ClientId = clientId, ClientSecret = clientSecret, EnterpriseId = enterpriseId, Jwt = jwt, DeveloperToken = developerToken };
        if (credentials.Context.Errors.Count > errorsBefore)
        {
            return null;
        }

        if (result.Validate() is { } problem)
        {
            credentials.Error(null, string.Empty, problem
                .Replace("a client id, client secret and enterprise id", "client_id, client_secret and enterprise_id", StringComparison.Ordinal)
                .Replace("a JWT app config file", "jwt_config_file", StringComparison.Ordinal)
                .Replace("a developer token", "developer_token", StringComparison.Ordinal));
            return null;
        }

        return result;
    }
}
