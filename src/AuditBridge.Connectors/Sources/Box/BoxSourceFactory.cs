using AuditBridge.Secrets;
using AuditBridge.Sources.Http;
using AuditBridge.Sources.Paging;
using Microsoft.Extensions.Logging;

namespace AuditBridge.Sources.Box;

/// <summary>Creates Box enterprise events sources (the <c>box</c> source type).</summary>
public static class BoxSourceFactory
{
    /// <summary>The source type name used in configuration and on the command line.</summary>
    public const string Type = "box";

    /// <summary>
    /// Creates a source. Dispose the result (it is <see cref="IDisposable"/>: it holds the JWT private key and a lock).
    /// </summary>
    /// <param name="options">Credentials, stream, filters, endpoints and retry settings; see <see cref="BoxSourceOptions.Validate"/>.</param>
    /// <param name="http">A shared client; its own timeout is not used (each attempt has <see cref="VendorHttpOptions.RequestTimeout"/>).</param>
    /// <param name="severity">Severity 0..10 for (category, event type).</param>
    /// <param name="time">The clock for backoff, Retry-After, token expiry and JWT assertions.</param>
    /// <param name="loggers">Where retries, token renewals and position recoveries are reported.</param>
    /// <param name="redactor">Collects every secret and issued token so messages can be scrubbed.</param>
    /// <param name="random">Jitter source; pass a seeded one in tests.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message says what to fix.</exception>
    /// <exception cref="SourceException">The JWT private key cannot be imported (kind <see cref="SourceErrorKind.Authentication"/>).</exception>
    public static ISource Create(
        BoxSourceOptions options,
        HttpClient http,
        Func<string, string, int> severity,
        TimeProvider time,
        ILoggerFactory loggers,
        SecretRedactor redactor,
        Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { } problem)
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

        var logger = loggers.CreateLogger("AuditBridge.Sources.Box");
        var authorizer = BoxAuthorization.Create(options, http, time, redactor, logger);
        var client = new VendorHttpClient("Box", http, authorizer, options.Http, time, logger, redactor, random);
        var api = new BoxApiClient(client, options);
        var mapper = new BoxEventMapper(options.SourceName, severity);
        return new PagingSource<BoxEventsRequest>(new BoxPaging(options, api, mapper), authorizer, logger);
    }
}
