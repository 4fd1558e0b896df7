using AuditBridge.Secrets;

namespace AuditBridge.Sources.OAuth;

/// <summary>The refresh token grant (RFC 6749 §6), with the client's id and secret in the body (Dropbox's offline access).</summary>
/// <param name="refreshToken">The long-lived refresh token.</param>
/// <param name="clientId">The app's client id (Dropbox: the app key).</param>
/// <param name="clientSecret">The app's client secret (Dropbox: the app secret).</param>
/// <param name="initialToken">An access token to use until it is rejected or expires; null asks for one first.</param>
internal sealed class RefreshTokenGrant(Secret refreshToken, Secret clientId, Secret clientSecret, Secret? initialToken = null) : ITokenGrant
{
    public string Name => "refresh token";

    public Secret? InitialToken => initialToken;

    public bool CanRenew => true;

    public IReadOnlyList<KeyValuePair<string, string>> Form(Uri tokenUrl, DateTimeOffset now) =>
    [
        new("grant_type", "refresh_token"),
        new("refresh_token", refreshToken.Reveal()),
        new("client_id", clientId.Reveal()),
        new("client_secret", clientSecret.Reveal()),
    ];
}
