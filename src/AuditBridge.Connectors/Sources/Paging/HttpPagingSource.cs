using AuditBridge.Secrets;
using AuditBridge.Sources.Http;
using AuditBridge.Sources.OAuth;
using Microsoft.Extensions.Logging;

namespace AuditBridge.Sources.Paging;

/// <summary>
/// Puts an HTTP vendor's source together (README.md, "Adding a vendor"): the endpoint checks, the redaction of the
/// configured secrets, the token authorizer, the retrying client and the paging engine. A vendor's factory validates
/// its own options and supplies <see cref="HttpVendor"/> and its plug-in; nothing else.
/// </summary>
internal static class HttpPagingSource
{
    /// <summary>Creates the source; dispose it (it owns the token authorizer, and with it a JWT key).</summary>
    /// <param name="vendor">Endpoints, HTTP settings, secrets and token policy.</param>
    /// <param name="plugIn">The vendor's plug-in, over the client that sends its requests.</param>
    /// <param name="http">A shared client; its own timeout is not used (each attempt has <see cref="VendorHttpOptions.RequestTimeout"/>).</param>
    /// <param name="time">The clock for backoff, Retry-After, token expiry and JWT assertions.</param>
    /// <param name="loggers">Where retries, token renewals and position recoveries are reported.</param>
    /// <param name="redactor">Collects every secret and issued token so messages can be scrubbed.</param>
    /// <param name="random">Jitter source; pass a seeded one in tests.</param>
    /// <exception cref="ArgumentException">An endpoint is not allowed (plain HTTP to another host, a password in the URL), or the policy refuses the credentials.</exception>
    public static ISource Create<TRequest>(
        HttpVendor vendor,
        Func<VendorHttpClient, IPagingVendor<TRequest>> plugIn,
        HttpClient http,
        TimeProvider time,
        ILoggerFactory loggers,
        SecretRedactor redactor,
        Random? random)
        where TRequest : struct
    {
        foreach (var (url, name) in new[] { (vendor.ApiUrl, "the API URL"), (vendor.OAuthUrl, "the OAuth URL") })
        {
            if (VendorEndpoint.Check(url, name, vendor.Http.AllowInsecureHttp, "allow_insecure_http") is { } refused)
            {
                throw new ArgumentException(refused, nameof(vendor));
            }
        }

        foreach (var secret in vendor.Secrets)
        {
            redactor.Add(secret);
        }

        var logger = loggers.CreateLogger($"AuditBridge.Sources.{vendor.Name}");
        var authorizer = new TokenAuthorizer(vendor.Policy(), http, vendor.Http, time, redactor, logger);
        var client = new VendorHttpClient(vendor.Name, http, authorizer, vendor.Http, time, logger, redactor, random);
        return new PagingSource<TRequest>(plugIn(client), authorizer, logger);
    }
}
