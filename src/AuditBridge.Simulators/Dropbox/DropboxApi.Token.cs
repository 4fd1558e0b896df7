using System.Text;

namespace AuditBridge.Simulators.Dropbox;

internal sealed partial class DropboxApi
{
    private static readonly string[] CredentialParameters = ["refresh_token", "client_id", "client_secret", "code", "code_verifier", "access_token"];

    /// <summary>
    /// <c>POST /oauth2/token</c> with <c>grant_type=refresh_token</c> (A.7). Client authentication is HTTP Basic
    /// <c>app_key:app_secret</c> or the <c>client_id</c>/<c>client_secret</c> body parameters, never both (RFC 6749 §2.3.1).
    /// </summary>
    protected override async Task HandleTokenAsync(HttpContext context, byte[] body, DropboxFault? fault)
    {
        var form = await ReadTokenFormAsync(
            context,
            body,
            CredentialParameters,
            "credentials must be sent in the request body, not in the query string",
            "Content-Type must be application/x-www-form-urlencoded");
        if (form is null)
        {
            return;
        }

        var basic = TryReadBasic(context.Request.Headers.Authorization.ToString(), out var basicId, out var basicSecret);
        var bodySecret = Single(form, "client_secret");
        if (basic && bodySecret is not null)
        {
            await HttpAnswers.OAuthErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_request", "use only one client authentication method");
            return;
        }

        if (basic)
        {
            if (!string.Equals(basicId, _options.AppKey, StringComparison.Ordinal) || !string.Equals(basicSecret, _options.AppSecret, StringComparison.Ordinal))
            {
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"Dropbox API\"";
                await HttpAnswers.OAuthErrorAsync(context, StatusCodes.Status401Unauthorized, "invalid_client", "Invalid client_id or client_secret");
                return;
            }
        }
        else if (!string.Equals(Single(form, "client_id"), _options.AppKey, StringComparison.Ordinal)
            || !string.Equals(bodySecret, _options.AppSecret, StringComparison.Ordinal))
        {
            await HttpAnswers.OAuthErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_client", "Invalid client_id or client_secret");
            return;
        }

        var grantType = Single(form, "grant_type");
        if (grantType is null)
        {
            await HttpAnswers.OAuthErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_request", "missing required field \"grant_type\"");
            return;
        }

        if (!string.Equals(grantType, "refresh_token", StringComparison.Ordinal))
        {
            await HttpAnswers.OAuthErrorAsync(context, StatusCodes.Status400BadRequest, "unsupported_grant_type", "the simulator only supports grant_type=refresh_token");
            return;
        }

        var refreshToken = Single(form, "refresh_token");
        if (refreshToken is null)
        {
            await HttpAnswers.OAuthErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_request", "missing required field \"refresh_token\"");
            return;
        }

        if (!string.Equals(refreshToken, _options.RefreshToken, StringComparison.Ordinal))
        {
            await HttpAnswers.OAuthErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_grant", "refresh token is invalid or revoked");
            return;
        }

        await SendTokenAsync(context, fault);
    }

    private static bool TryReadBasic(string header, out string? id, out string? secret)
    {
        id = null;
        secret = null;
        const string Scheme = "Basic ";
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[Scheme.Length..].Trim()));
        }
        catch (FormatException)
        {
            // A Basic header that is not base64 still counts as an attempt at Basic auth; it simply fails.
            return true;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            id = Uri.UnescapeDataString(decoded[..colon]);
            secret = Uri.UnescapeDataString(decoded[(colon + 1)..]);
        }

        return true;
    }
}
