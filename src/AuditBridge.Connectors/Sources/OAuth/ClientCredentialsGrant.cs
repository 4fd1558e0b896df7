using AuditBridge.Secrets;

namespace AuditBridge.Sources.OAuth;

/// <summary>
/// The client credentials grant (RFC 6749 §4.4) with the client's id and secret in the body, and the vendor's extension
/// parameters (Box: <c>box_subject_type</c>, <c>box_subject_id</c>). Vendors issue no refresh token for it: renewing means
/// asking again.
/// </summary>
/// <param name="clientId">The app's client id.</param>
/// <param name="clientSecret">The app's client secret.</param>
/// <param name="extensions">More form parameters, as the vendor names them.</param>
internal sealed class ClientCredentialsGrant(Secret clientId, Secret clientSecret, IReadOnlyList<KeyValuePair<string, string>> extensions) : ITokenGrant
{
    public string Name => "client credentials";

    public Secret? InitialToken => null;

    public bool CanRenew => true;

    public IReadOnlyList<KeyValuePair<string, string>> Form(Uri tokenUrl, DateTimeOffset now) =>
    [
        new("grant_type", "client_credentials"),
        new("client_id", clientId.Reveal()),
        new("client_secret", clientSecret.Reveal()),
        .. extensions,
    ];
}
