using AuditBridge.Secrets;

namespace AuditBridge.Sources.OAuth;

/// <summary>
/// The JWT bearer grant (RFC 7523 §2.1) with the client's id and secret in the body, as Box's JWT apps use it. Each
/// attempt gets a new assertion (its own id and a short life). Renewing means asking again with a new assertion.
/// </summary>
/// <param name="clientId">The app's client id.</param>
/// <param name="clientSecret">The app's client secret.</param>
/// <param name="createAssertion">Signs an assertion for the token endpoint (its audience) at a time.</param>
/// <param name="key">The signing key, disposed with the grant.</param>
internal sealed class JwtBearerGrant(Secret clientId, Secret clientSecret, Func<Uri, DateTimeOffset, string> createAssertion, IDisposable key) : ITokenGrant, IDisposable
{
    public string Name => "JWT";

    public Secret? InitialToken => null;

    public bool CanRenew => true;

    public IReadOnlyList<KeyValuePair<string, string>> Form(Uri tokenUrl, DateTimeOffset now) =>
    [
        new("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"),
        new("assertion", createAssertion(tokenUrl, now)),
        new("client_id", clientId.Reveal()),
        new("client_secret", clientSecret.Reveal()),
    ];

    public void Dispose() => key.Dispose();
}
