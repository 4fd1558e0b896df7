using AuditBridge.Secrets;

namespace AuditBridge.Sources.Box;

/// <summary>
/// How to authenticate to the Box API (saas-apis.md B.5); exactly one of three methods:
/// <list type="bullet">
/// <item><b>Client Credentials Grant</b> (recommended): <see cref="ClientId"/>, <see cref="ClientSecret"/> and
/// <see cref="EnterpriseId"/>; the app's service account gets a token, renewed before it expires and on 401.</item>
/// <item><b>JWT</b>: <see cref="Jwt"/>, usually read from the app's <c>config.json</c> with <see cref="BoxAppConfig.Load"/>;
/// tokens are renewed the same way.</item>
/// <item><b>Developer token</b>: <see cref="DeveloperToken"/>, a fixed bearer token for tests (it lasts 60 minutes and
/// cannot be renewed).</item>
/// </list>
/// Secrets never leave this object except towards Box.
/// </summary>
public sealed record BoxCredentials
{
    /// <summary>Client Credentials Grant: the app's client id.</summary>
    public Secret? ClientId { get; init; }

    /// <summary>Client Credentials Grant: the app's client secret.</summary>
    public Secret? ClientSecret { get; init; }

    /// <summary>Client Credentials Grant: the enterprise id (<c>box_subject_id</c> with <c>box_subject_type=enterprise</c>).</summary>
    public Secret? EnterpriseId { get; init; }

    /// <summary>JWT: the app's settings and private key.</summary>
    public BoxJwtSettings? Jwt { get; init; }

    /// <summary>A developer token from the Developer Console (60 minutes, not renewable; for trying things out).</summary>
    public Secret? DeveloperToken { get; init; }

    /// <summary>True when the client credentials grant is configured (client id, secret and enterprise id).</summary>
    public bool IsClientCredentials => ClientId is not null && ClientSecret is not null && EnterpriseId is not null;

    /// <summary>Client Credentials Grant credentials.</summary>
    public static BoxCredentials ClientCredentials(Secret clientId, Secret clientSecret, Secret enterpriseId) =>
        new() { ClientId = clientId, ClientSecret = clientSecret, EnterpriseId = enterpriseId };

    /// <summary>JWT credentials.</summary>
    public static BoxCredentials FromJwt(BoxJwtSettings settings) => new() { Jwt = settings };

    /// <summary>A developer token.</summary>
    public static BoxCredentials FromDeveloperToken(Secret token) => new() { DeveloperToken = token };

    /// <summary>Returns the first problem (none, several, or an incomplete method), or null when exactly one method is complete.</summary>
    public string? Validate()
    {
        var clientParts = new[] { ClientId, ClientSecret, EnterpriseId }.Count(s => s is not null);
        var methods = (clientParts > 0 ? 1 : 0) + (Jwt is not null ? 1 : 0) + (DeveloperToken is not null ? 1 : 0);
        if (methods == 0)
        {
            return "no Box credentials: give a client id, client secret and enterprise id (Client Credentials Grant, recommended), a JWT app config file, or a developer token";
        }

        if (methods > 1)
        {
            return "Box credentials are ambiguous: give only one of client credentials (client id, secret, enterprise id), a JWT app config file, or a developer token";
        }

        if (clientParts is 1 or 2)
        {
            var missing = new[] { (ClientId, "client id"), (ClientSecret, "client secret"), (EnterpriseId, "enterprise id") }
                .Where(p => p.Item1 is null)
                .Select(p => p.Item2);
            return $"the Box Client Credentials Grant needs a client id, a client secret and an enterprise id; missing: {string.Join(", ", missing)}";
        }

        return null;
    }

    /// <summary>Every secret present, for redaction.</summary>
    public IEnumerable<Secret> All() =>
        new[] { ClientId, ClientSecret, EnterpriseId, DeveloperToken }.OfType<Secret>().Concat(Jwt?.All() ?? []);
}
