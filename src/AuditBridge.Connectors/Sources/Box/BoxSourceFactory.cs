using AuditBridge.Secrets;
using AuditBridge.Sources.Paging;
using Microsoft.Extensions.Logging;

namespace AuditBridge.Sources.Box;

/// <summary>Creates Box enterprise events sources (the <c>box</c> source type).</summary>
public static class BoxSourceFactory
{
    /// <summary>The source type name used in configuration and on the command line.</summary>
    public const string Type = "box";

    /// <summary>Creates a source. Dispose the result (it is <see cref="IDisposable"/>: it holds the JWT private key and a lock).</summary>
    /// <remarks>
    /// <c>options</c>: credentials, stream, filters, endpoints and retry settings (<see cref="BoxSourceOptions.Validate"/>);
    /// <c>severity</c>: 0..10 for (category, event type); the others as in <see cref="HttpPagingSource.Create{TRequest}"/>.
    /// </remarks>
    /// <exception cref="ArgumentException">The options are invalid; the message says what to fix.</exception>
    /// <exception cref="SourceException">The JWT private key cannot be imported (kind <see cref="SourceErrorKind.Authentication"/>).</exception>
    public static ISource Create(BoxSourceOptions options, HttpClient http, Func<string, string, int> severity, TimeProvider time, ILoggerFactory loggers, SecretRedactor redactor, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        var vendor = new HttpVendor("Box", options.ApiUrl, options.OAuthUrl, options.Http, options.Credentials.All(), () => BoxAuthorization.Policy(options));
        var mapper = new BoxEventMapper(options.SourceName, severity);
        return HttpPagingSource.Create(vendor, client => new BoxPaging(options, new BoxApiClient(client, options), mapper), http, time, loggers, redactor, random);
    }
}
