using AuditBridge.Secrets;
using AuditBridge.Sources.OAuth;
using Microsoft.Extensions.Logging;

namespace AuditBridge.Sources.Dropbox;

/// <summary>
/// Dropbox's grants (saas-apis.md A.1): a refresh token with the app's key and secret (short-lived access tokens are
/// renewed when less than five minutes of their life remain, the SDK's rule, and on 401 <c>expired_access_token</c>;
/// an access token given too is used until then), or a fixed access token. What to fix when a grant is refused.
/// </summary>
internal static class DropboxAuthorization
{
    private static readonly TimeSpan RenewAhead = TimeSpan.FromMinutes(5);

    /// <exception cref="ArgumentException">Neither an access token nor a complete refresh token grant.</exception>
    public static TokenAuthorizer Create(DropboxSourceOptions options, HttpClient http, TimeProvider time, SecretRedactor redactor, ILogger logger)
    {
        var credentials = options.Credentials;
        ITokenGrant grant = credentials.CanRefresh
            ? new RefreshTokenGrant(credentials.RefreshToken!, credentials.AppKey!, credentials.AppSecret!, credentials.AccessToken)
            : new StaticTokenGrant(credentials.AccessToken ?? throw new ArgumentException("Dropbox credentials need an access token, or a refresh token with the app key and secret.", nameof(options)));
        var policy = new TokenPolicy
        {
            Vendor = "Dropbox",
            TokenUrl = new Uri(options.OAuthUrl, "oauth2/token"),
            RenewAhead = RenewAhead,
            RenewsOn = static unauthorized => DropboxErrorBody.Tag(unauthorized) == "expired_access_token",
            Explain = Explain,
        };
        return new TokenAuthorizer(grant, policy, http, options.Http, time, redactor, logger);
    }

    private static string Explain(TokenRefusal refusal) => refusal.Error switch
    {
        "invalid_grant" => "Dropbox refused the refresh token (invalid_grant): it was revoked, or belongs to another app. Authorize the app again (token_access_type=offline) and update DROPBOX_REFRESH_TOKEN.",
        "invalid_client" or "unauthorized_client" => $"Dropbox refused the app credentials ({refusal.Error}): check DROPBOX_APP_KEY and DROPBOX_APP_SECRET.",
        _ => $"Dropbox's token endpoint answered HTTP {(int)refusal.Response.Status} ({refusal.Response.Describe()}); check the app key, secret and refresh token, and --oauth-url.",
    };
}
