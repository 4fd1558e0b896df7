namespace AuditBridge.Sources.Http;

/// <summary>
/// A 2xx response whose body is not what the API documents (not JSON, cut short, wrong shape). Raised by response
/// handlers; <see cref="VendorHttpClient"/> retries it a few times (a proxy error page or a broken connection is often
/// passing) and then fails with <see cref="SourceErrorKind.InvalidResponse"/>. Nothing of such a page is ever used.
/// </summary>
internal sealed class InvalidVendorResponseException : Exception
{
    public InvalidVendorResponseException()
    {
    }

    public InvalidVendorResponseException(string message)
        : base(message)
    {
    }

    public InvalidVendorResponseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
