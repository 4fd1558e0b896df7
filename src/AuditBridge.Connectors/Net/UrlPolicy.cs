using System.Net;

namespace AuditBridge.Net;

/// <summary>
/// The rules every outbound HTTP URL follows, shared by the vendor sources and the http sink: credentials never sit
/// in a URL (it is stored in state files and printed in errors), and <c>http://</c> leaves this host only when the
/// operator said so explicitly.
/// </summary>
internal static class UrlPolicy
{
    /// <summary>True for this host itself: <c>localhost</c>, 127.0.0.0/8 and ::1 (where plain http crosses no network).</summary>
    public static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || string.Equals(uri.IdnHost, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(uri.IdnHost, out var address) && IPAddress.IsLoopback(address));

    /// <summary>True when the URL is <c>http://</c> to a host other than this one.</summary>
    public static bool IsCleartextToAnotherHost(Uri uri) => uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri);

    /// <summary>scheme://host:port/path, with <c>?…</c> for a query and never the <c>user:password@</c>: safe to print.</summary>
    public static string Printable(Uri uri) =>
        uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped)
        + (string.IsNullOrEmpty(uri.Query) ? string.Empty : "?…");

    /// <summary>For a text that is not even a URL: without what could be a password (before '@') or a query credential.</summary>
    public static string Shown(string text)
    {
        var query = text.IndexOf('?', StringComparison.Ordinal);
        text = query < 0 ? text : text[..query] + "?…";
        var at = text.LastIndexOf('@');
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        return at < 0 ? text : (scheme >= 0 && scheme < at ? text[..(scheme + 3)] : string.Empty) + "…@" + text[(at + 1)..];
    }
}
