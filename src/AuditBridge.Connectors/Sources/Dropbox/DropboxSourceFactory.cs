using AuditBridge.Secrets;
using AuditBridge.Sources.Http;
using AuditBridge.Sources.Paging;
using Microsoft.Extensions.Logging;

namespace AuditBridge.Sources.Dropbox;

/// <summary>Creates Dropbox team_log sources (the <c>dropbox</c> source type).</summary>
public static class DropboxSourceFactory
{
    /// <summary>The source type name used in configuration and on the command line.</summary>
    public const string Type = "dropbox";

    /// <summary>
    /// Creates a source. Dispose the result (it is <see cref="IDisposable"/>) when done.
    /// </summary>
    /// <param name="options">Credentials, filters, endpoints and retry settings.</param>
    /// <param name="http">A shared client; its own timeout is not used (each attempt has <see cref="VendorHttpOptions.RequestTimeout"/>).</param>
    /// <param name="severity">Severity 0..10 for (category, event type).</param>
    /// <param name="time">The clock for backoff, Retry-After and token expiry.</param>
    /// <param name="loggers">Where retries, refreshes and recoveries are reported.</param>
    /// <param name="redactor">Collects every secret and issued token so messages can be scrubbed.</param>
    /// <param name="random">Jitter source; pass a seeded one in tests.</param>
    public static ISource Create(
        DropboxSourceOptions options,
        HttpClient http,
        Func<string, string, int> severity,
        TimeProvider time,
        ILoggerFactory loggers,
        SecretRedactor redactor,
        Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Query.Validate() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        foreach (var (url, name) in new[] { (options.ApiUrl, "the API URL"), (options.OAuthUrl, "the OAuth URL") })
        {
            if (VendorEndpoint.Check(url, name, options.Http.AllowInsecureHttp, "allow_insecure_http") is { } refused)
            {
                throw new ArgumentException(refused, nameof(options));
            }
        }

        foreach (var secret in options.Credentials.All())
        {
            redactor.Add(secret);
        }

        var logger = loggers.CreateLogger("AuditBridge.Sources.Dropbox");
        var authorizer = DropboxAuthorization.Create(options, http, time, redactor, logger);
        var client = new VendorHttpClient("Dropbox", http, authorizer, options.Http, time, logger, redactor, random);
        var api = new DropboxApiClient(client, options);
        var mapper = new DropboxEventMapper(options.SourceName, severity);
        return new PagingSource<DropboxRequest>(new DropboxPaging(options, api, mapper), authorizer, logger);
    }
}
