namespace AuditBridge.Sources.Http;

/// <summary>
/// Thrown by the certificate check of <see cref="VendorHttp.CreateClient"/> during a TLS handshake. .NET hands it on as
/// the inner exception of the request's <see cref="HttpRequestException"/>, which carries only "see inner exception":
/// this message says why the vendor's certificate was refused.
/// </summary>
internal sealed class CertificateRejectedException : Exception
{
    public CertificateRejectedException()
    {
    }

    public CertificateRejectedException(string message)
        : base(message)
    {
    }

    public CertificateRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
