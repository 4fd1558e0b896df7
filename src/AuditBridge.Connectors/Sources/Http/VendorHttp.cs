using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using AuditBridge.Secrets;
using AuditBridge.Tls;

namespace AuditBridge.Sources.Http;

/// <summary>The HTTP client the vendor sources share (one per process): how it connects, verifies and refuses.</summary>
public static class VendorHttp
{
    /// <summary>
    /// A client for <see cref="VendorHttpClient"/>: no client-wide timeout (each attempt has its own), compressed
    /// answers, system TLS verification whose failures name their reason, and no redirects followed. .NET would send a
    /// 307/308 redirect's POST body again to wherever it points (the token request carries the refresh token and the app
    /// secret), so a redirect is answered as an error instead (<see cref="VendorHttpClient"/> explains it).
    /// </summary>
    /// <param name="connectTimeout">Longest a TCP connect may take; default 30 s.</param>
    public static HttpClient CreateClient(TimeSpan? connectTimeout = null)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = connectTimeout ?? TimeSpan.FromSeconds(30),
        };
        handler.SslOptions.RemoteCertificateValidationCallback = Verify;
        var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("AuditBridge/1.0");
        return client;
    }

    // The system's verdict stands; only its reason is added. Thrown rather than returned as false: the reason then
    // travels with the exception of whichever request made the connection.
    private static bool Verify(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) =>
        errors == SslPolicyErrors.None || Refuse(sender as SslStream, certificate, chain, errors);

    private static bool Refuse(SslStream? stream, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        var host = stream?.TargetHostName is { Length: > 0 } name ? name : "the vendor's host";
        var subject = certificate is null ? string.Empty : $" (certificate subject '{ExternalText.Escape(certificate.Subject)}', issuer '{ExternalText.Escape(certificate.Issuer)}')";
        throw new CertificateRejectedException(string.Join(", ", CertificateProblems.Describe(host, certificate, chain, errors)) + subject);
    }
}
