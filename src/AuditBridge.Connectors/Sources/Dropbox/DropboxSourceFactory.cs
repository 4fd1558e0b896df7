using AuditBridge.Secrets;
using AuditBridge.Sources.Paging;
using Microsoft.Extensions.Logging;

namespace AuditBridge.Sources.Dropbox;

/// <summary>Creates Dropbox team_log sources (the <c>dropbox</c> source type).</summary>
public static class DropboxSourceFactory
{
    /// <summary>The source type name used in configuration and on the command line.</summary>
    public const string Type = "dropbox";

    /// <summary>Creates a source. Dispose the result (it is <see cref="IDisposable"/>) when done.</summary>
    /// <remarks>
    /// <c>options</c>: credentials, query filters, endpoints and retry settings. <c>severity</c>: 0..10 for (category,
    /// event type). The others: see <see cref="HttpPagingSource.Create{TRequest}"/>.
    /// </remarks>
    /// <exception cref="ArgumentException">The options are invalid; the message says what to fix.</exception>
    public static ISource Create(DropboxSourceOptions options, HttpClient http, Func<string, string, int> severity, TimeProvider time, ILoggerFactory loggers, SecretRedactor redactor, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Query.Validate() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        var vendor = new HttpVendor("Dropbox", options.ApiUrl, options.OAuthUrl, options.Http, options.Credentials.All(), () => DropboxAuthorization.Policy(options));
        var mapper = new DropboxEventMapper(options.SourceName, severity);
        return HttpPagingSource.Create(vendor, client => new DropboxPaging(options, new DropboxApiClient(client, options), mapper), http, time, loggers, redactor, random);
    }
}
