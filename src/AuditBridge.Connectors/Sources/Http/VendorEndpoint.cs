using AuditBridge.Net;

namespace AuditBridge.Sources.Http;

/// <summary>
/// What a vendor URL (an API or OAuth base URL) may be: <c>https://</c>, or <c>http://</c> to this host itself (a
/// simulator, a local proxy), or <c>http://</c> elsewhere only with <see cref="VendorHttpOptions.AllowInsecureHttp"/>;
/// never with <c>user:password@</c>. The refresh token, the app secret and the events would otherwise cross the network
/// in the clear, or sit in the state file and in error messages.
/// </summary>
internal static class VendorEndpoint
{
    /// <summary>The problem with <paramref name="url"/>, naming <paramref name="name"/> (<c>api_url</c>, <c>--api-url</c>) and never a password; null when it is fine.</summary>
    /// <param name="url">The URL as parsed.</param>
    /// <param name="name">The option or key it was given as.</param>
    /// <param name="allowInsecureHttp">Whether <c>http://</c> may go to another host.</param>
    /// <param name="allowName">How the allowing option is called where the URL was given (<c>allow_insecure_http</c>, <c>--allow-insecure-http</c>).</param>
    public static string? Check(Uri url, string name, bool allowInsecureHttp, string allowName)
    {
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            return $"{name} '{UrlPolicy.Shown(url.OriginalString)}' is not an https:// URL";
        }

        if (!string.IsNullOrEmpty(url.UserInfo))
        {
            return $"{name} must not contain user:password@ ({UrlPolicy.Printable(url)}): a URL is kept in the state file and shown in messages, and vendor credentials have their own settings";
        }

        if (UrlPolicy.IsCleartextToAnotherHost(url) && !allowInsecureHttp)
        {
            return $"{name} '{UrlPolicy.Printable(url)}' would send the credentials, tokens and audit events unencrypted over the network: use https://, or set {allowName} if the network path is protected otherwise (http:// to this host itself is always allowed)";
        }

        return null;
    }
}
