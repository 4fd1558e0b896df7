using AuditBridge.Secrets;

namespace AuditBridge.Sources.OAuth;

/// <summary>A fixed access token (a Dropbox access token, a Box developer token): used as it is, never renewed.</summary>
/// <param name="token">The token.</param>
internal sealed class StaticTokenGrant(Secret token) : ITokenGrant
{
    public string Name => "static token";

    public Secret? InitialToken => token;

    public bool CanRenew => false;

    public IReadOnlyList<KeyValuePair<string, string>> Form(Uri tokenUrl, DateTimeOffset now) =>
        throw new InvalidOperationException("A static token is never renewed.");
}
