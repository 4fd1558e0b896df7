using AuditBridge.Sources.OAuth;

namespace AuditBridge.Sources.Dropbox;

/// <summary>
/// Dropbox's grants (saas-apis.md A.1): a refresh token with the app's key and secret (short-lived access tokens are
/// renewed when less than five minutes of their life remain, the SDK's rule, and on 401 <c>expired_access_token</c>;
/// an access token given too is used until then), or a fixed access token. What to fix when a grant is refused.
/// </summary>
internal static class DropboxAuthorization
{
    /// <exception cref="ArgumentException">Neither an access token nor a complete refresh token grant.</exception>
    public static TokenPolicy Policy(DropboxSourceOptions options) => new()
    {
        Grant = options.Credentials is { CanRefresh: true } refresh
            ? new RefreshTokenGrant(refresh.RefreshToken!, refresh.AppKey!, refresh.AppSecret!, refresh.AccessToken)
            : new StaticTokenGrant(options.Credentials.AccessToken ?? throw new ArgumentException("Dropbox credentials need an access token, or a refresh token with the app key and secret.", nameof(options))),
        Vendor = "Dropbox",
        TokenUrl = new Uri(options.OAuthUrl, "oauth2/token"),
        RenewAhead = TimeSpan.FromMinutes(5),
        RenewsOn = static unauthorized => DropboxErrorBody.Tag(unauthorized) == "expired_access_token",
        Explain = static refusal => refusal.Error switch
        {
            "invalid_grant" => "Dropbox refused the refresh token (invalid_grant): it was revoked, or belongs to another app. Authorize the app again (token_access_type=offline) and update DROPBOX_REFRESH_TOKEN.",
            "invalid_client" or "unauthorized_client" => $"Dropbox refused the app credentials ({refusal.Error}): check DROPBOX_APP_KEY and DROPBOX_APP_SECRET.",
            _ => $"Dropbox's token endpoint answered HTTP {(int)refusal.Response.Status} ({refusal.Response.Describe()}); check the app key, secret and refresh token, and --oauth-url.",
        },
    };
}
