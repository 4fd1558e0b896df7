using AuditBridge.Secrets;

namespace AuditBridge.Sources.Dropbox;

/// <summary>
/// How to authenticate to the Dropbox team_log API: a refresh token with the app's key and secret (recommended:
/// short-lived access tokens are renewed before they expire and on <c>expired_access_token</c>), or a fixed access token.
/// </summary>
public sealed record DropboxCredentials
{
    /// <summary>A fixed team access token (short-lived tokens stop working after 4 hours).</summary>
    public Secret? AccessToken { get; init; }

    /// <summary>An offline refresh token of a team-linked app with the <c>events.read</c> scope.</summary>
    public Secret? RefreshToken { get; init; }

    /// <summary>The app key (OAuth client id); needed with <see cref="RefreshToken"/>.</summary>
    public Secret? AppKey { get; init; }

    /// <summary>The app secret (OAuth client secret); needed with <see cref="RefreshToken"/>.</summary>
    public Secret? AppSecret { get; init; }

    /// <summary>True when a refresh token and the app's key and secret are all present.</summary>
    public bool CanRefresh => RefreshToken is not null && AppKey is not null && AppSecret is not null;

    /// <summary>Every secret present, for redaction.</summary>
    public IEnumerable<Secret> All() => new[] { AccessToken, RefreshToken, AppKey, AppSecret }.OfType<Secret>();
}
