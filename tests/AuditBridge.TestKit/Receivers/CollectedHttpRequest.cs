using System.IO.Compression;
using System.Text;

namespace AuditBridge.TestKit.Receivers;

/// <summary>One request <see cref="LoopbackHttpCollector"/> received, body as sent (compressed when it was).</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="PathAndQuery">Path and query as received.</param>
/// <param name="Headers">Request headers, names case-insensitive.</param>
/// <param name="Body">Body bytes as sent.</param>
/// <param name="ClientCertificateSubject">Subject of the client certificate presented over HTTPS, if any.</param>
public sealed record CollectedHttpRequest(
    string Method,
    string PathAndQuery,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body,
    string? ClientCertificateSubject)
{
    /// <summary>A request header, or null when it was not sent.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>The body as UTF-8 text, gunzipped when the request said <c>Content-Encoding: gzip</c>.</summary>
    public string Text => Encoding.UTF8.GetString(DecodedBody);

    /// <summary>The body bytes, gunzipped when the request said <c>Content-Encoding: gzip</c>.</summary>
    public byte[] DecodedBody
    {
        get
        {
            if (!string.Equals(Header("Content-Encoding"), "gzip", StringComparison.OrdinalIgnoreCase))
            {
                return Body;
            }

            using var gzip = new GZipStream(new MemoryStream(Body), CompressionMode.Decompress);
            using var plain = new MemoryStream();
            gzip.CopyTo(plain);
            return plain.ToArray();
        }
    }
}
