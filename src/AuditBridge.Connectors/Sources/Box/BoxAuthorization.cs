using AuditBridge.Sources.OAuth;

namespace AuditBridge.Sources.Box;

/// <summary>
/// Box's grants (saas-apis.md B.5): the Client Credentials Grant for the enterprise's service account, a JWT app (an
/// assertion signed with the app's key), or a developer token used as it is (it cannot be renewed). Box issues no refresh
/// token for the first two: a token is asked for at the first request, again shortly before <c>expires_in</c> runs out
/// (tokens live about an hour) and once on 401. What to fix when a grant is refused names where each credential came from.
/// </summary>
internal static class BoxAuthorization
{
    /// <exception cref="ArgumentException">The credentials are incomplete or ambiguous.</exception>
    /// <exception cref="SourceException">The JWT private key cannot be imported (kind <see cref="SourceErrorKind.Authentication"/>).</exception>
    public static TokenPolicy Policy(BoxSourceOptions options)
    {
        if (options.Credentials.Validate() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        return new TokenPolicy
        {
            Grant = Grant(options.Credentials),
            Vendor = "Box",
            TokenUrl = new Uri(options.OAuthUrl, "oauth2/token"),
            RenewAhead = TimeSpan.FromMinutes(2),
            Explain = refusal => options.Credentials.Jwt is { } jwt ? JwtFailure(jwt, refusal) : ClientCredentialsFailure(options.Credentials, refusal),
        };
    }

    private static ITokenGrant Grant(BoxCredentials credentials)
    {
        if (credentials.DeveloperToken is { } token)
        {
            return new StaticTokenGrant(token);
        }

        if (credentials.Jwt is { } jwt)
        {
            // A new assertion per attempt: each has its own jti and a 45-second life.
            var key = BoxPrivateKey.Import(jwt);
            return new JwtBearerGrant(jwt.ClientId, jwt.ClientSecret, (audience, now) => BoxJwtAssertion.Create(jwt, key, audience, now), key);
        }

        return new ClientCredentialsGrant(credentials.ClientId!, credentials.ClientSecret!, [new("box_subject_type", "enterprise"), new("box_subject_id", credentials.EnterpriseId!.Reveal())]);
    }

    private static string ClientCredentialsFailure(BoxCredentials credentials, TokenRefusal refusal) => refusal.Error switch
    {
        "invalid_client" or "unauthorized_client" =>
            $"Box refused the app's client credentials ({refusal.Error}: {Description(refusal)}): check the client id ({credentials.ClientId!.Origin}) and the client secret ({credentials.ClientSecret!.Origin}).",
        "invalid_grant" =>
            $"Box refused the client credentials grant (invalid_grant: {Description(refusal)}): the enterprise id ({credentials.EnterpriseId!.Origin}) must be your enterprise's, the app must use 'Server Authentication (Client Credentials Grant)' with App Access Level 'App + Enterprise Access', and an admin must authorize it in the Admin Console (Apps > Custom Apps Manager).",
        _ => $"Box's token endpoint answered HTTP {(int)refusal.Response.Status} ({Code(refusal)}: {Description(refusal)}); check --oauth-url and the client id ({credentials.ClientId!.Origin}), secret and enterprise id.",
    };

    private static string JwtFailure(BoxJwtSettings jwt, TokenRefusal refusal) => refusal.Error switch
    {
        "invalid_client" or "unauthorized_client" =>
            $"Box refused the app's client credentials ({refusal.Error}: {Description(refusal)}): check boxAppSettings.clientID and clientSecret in {jwt.Origin}.",
        "invalid_grant" =>
            $"Box refused the JWT assertion (invalid_grant: {Description(refusal)}): check that public key {jwt.PublicKeyId} is still added to the app in the Developer Console and belongs to the private key in {jwt.Origin}, that enterpriseID is your enterprise's, that this machine's clock is right (the assertion is valid for 45 s), and that an admin has authorized the app in the Admin Console.",
        _ => $"Box's token endpoint answered HTTP {(int)refusal.Response.Status} ({Code(refusal)}: {Description(refusal)}); check --oauth-url and the app config {jwt.Origin}.",
    };

    private static string Description(TokenRefusal refusal) => refusal.Description is { } text ? refusal.Response.Quote(text) : "no description";

    // The OAuth error code when there is one, else the body: both are the vendor's text.
    private static string Code(TokenRefusal refusal) => refusal.Error is { } error ? refusal.Response.Quote(error, 80) : refusal.Response.Describe(120);
}
