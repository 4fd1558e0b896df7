using System.Text;
using System.Text.Json;

namespace AuditBridge.Secrets;

/// <summary>
/// The forms in which a secret can come back in text somebody else wrote: the credential inside an authorization
/// value (a collector that echoes only the token of <c>Bearer …</c>, or the decoded <c>user:password</c> of
/// <c>Basic …</c>), and each of those as a JSON string or a URL/form body encodes it.
/// </summary>
internal static class SecretForms
{
    // Schemes whose value is "Scheme <credential>" (RFC 9110 §11.4 and vendors' own: Splunk HEC, Okta SSWS, GenieKey).
    private static readonly string[] AuthorizationSchemes = ["Basic", "Bearer", "Splunk", "Token", "ApiKey", "SSWS", "GenieKey", "OAuth"];

    /// <summary>The value and the credentials inside it: the token after a known scheme; for Basic also <c>user:password</c> and the password.</summary>
    public static IEnumerable<string> Credentials(string value)
    {
        yield return value;
        var space = value.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0)
        {
            yield break;
        }

        var scheme = value[..space];
        var token = value[(space + 1)..].Trim();
        if (token.Length == 0 || token.Contains(' ', StringComparison.Ordinal)
            || !AuthorizationSchemes.Contains(scheme, StringComparer.OrdinalIgnoreCase))
        {
            yield break;
        }

        yield return token;
        if (!scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) || DecodeBase64(token) is not { } credentials)
        {
            yield break;
        }

        yield return credentials;
        var colon = credentials.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            yield return credentials[(colon + 1)..];
        }
    }

    /// <summary>Every credential of <paramref name="value"/> as it is, JSON-escaped, and URL-encoded (distinct).</summary>
    public static IEnumerable<string> Echoed(string value)
    {
        var forms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var credential in Credentials(value))
        {
            forms.Add(credential);
            forms.Add(JsonEncodedText.Encode(credential).ToString());
            forms.Add(Uri.EscapeDataString(credential));
        }

        return forms;
    }

    private static string? DecodeBase64(string text)
    {
        var bytes = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, bytes, out var written))
        {
            return null;
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 0, written);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
