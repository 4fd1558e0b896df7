using System.Diagnostics.CodeAnalysis;
using AuditBridge.Net;

namespace AuditBridge.Sinks.Http;

/// <summary>A validated target URL, and how it is shown in messages: without its query, which may carry a credential.</summary>
/// <param name="Uri">Where requests go (for HEC, with <c>/services/collector/event</c> added to a bare base URL).</param>
/// <param name="Display">scheme://host:port/path, plus <c>?…</c> when there is a query; safe to print.</param>
internal sealed record HttpEndpoint(Uri Uri, string Display)
{
    /// <summary>The HEC JSON event endpoint (Splunk REST reference, "services/collector/event").</summary>
    public const string HecEventPath = "services/collector/event";

    public bool IsHttps => Uri.Scheme == Uri.UriSchemeHttps;

    public override string ToString() => Display;

    /// <param name="text">The configured <c>Endpoint</c>.</param>
    /// <param name="mode">For HEC, a URL without a path is the HEC base and gets <see cref="HecEventPath"/>.</param>
    /// <param name="allowInsecureHttp">Whether <c>http://</c> may go to a host other than this one.</param>
    /// <param name="endpoint">The parsed endpoint.</param>
    /// <param name="error">One sentence naming the problem and the fix.</param>
    /// <param name="name">How the options are named in the error; null: by their property names.</param>
    public static bool TryParse(
        string? text,
        HttpSinkMode mode,
        bool allowInsecureHttp,
        [NotNullWhen(true)] out HttpEndpoint? endpoint,
        out string error,
        OptionNamer? name = null)
    {
        name ??= static property => property;
        endpoint = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = $"{name("Endpoint")} is required, e.g. https://collector.example.com/ingest or, for Splunk HEC, https://splunk.example.com:8088.";
            return false;
        }

        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            error = $"{name("Endpoint")} '{UrlPolicy.Shown(text.Trim())}' is not an http:// or https:// URL.";
            return false;
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            // A password in the URL would end up in messages and proxy logs; credentials have their own options.
            error = $"{name("Endpoint")} must not contain user:password@: put credentials in {name("SecretHeaders")} (Authorization) or, for HEC, in {name("Token")}.";
            return false;
        }

        if (!string.IsNullOrEmpty(uri.Fragment))
        {
            error = $"{name("Endpoint")} '{Printable(uri)}' has a #fragment, which is never sent: remove it.";
            return false;
        }

        if (UrlPolicy.IsCleartextToAnotherHost(uri) && !allowInsecureHttp)
        {
            error = $"{name("Endpoint")} '{Printable(uri)}' sends audit events and credentials unencrypted over the network: use https://, "
                + $"or set {name("AllowInsecureHttp")} if the network path is protected otherwise (http:// to this host itself is always allowed).";
            return false;
        }

        if (mode == HttpSinkMode.SplunkHec && uri.AbsolutePath == "/")
        {
            uri = new UriBuilder(uri) { Path = HecEventPath }.Uri;
        }

        endpoint = new HttpEndpoint(uri, Printable(uri));
        error = string.Empty;
        return true;
    }

    private static string Printable(Uri uri) => UrlPolicy.Printable(uri);
}
