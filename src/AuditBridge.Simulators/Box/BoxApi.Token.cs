namespace AuditBridge.Simulators.Box;

internal sealed partial class BoxApi
{
    private const string JwtBearerGrant = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private static readonly string[] CredentialParameters = ["client_id", "client_secret", "assertion", "box_subject_id"];

    /// <summary>
    /// <c>POST /oauth2/token</c> (saas-apis.md B.5): <c>grant_type=client_credentials</c> with <c>box_subject_type=enterprise</c>
    /// and <c>box_subject_id</c>, or the JWT bearer grant with a signed <c>assertion</c>; both with the app's
    /// <c>client_id</c> and <c>client_secret</c> in the form body.
    /// </summary>
    protected override async Task HandleTokenAsync(HttpContext context, byte[] body, BoxFault? fault)
    {
        var request = context.Request;
        var form = await ReadTokenFormAsync(
            context,
            body,
            CredentialParameters,
            "Credentials must be sent in the request body, not in the query string",
            "Invalid grant_type parameter or parameter missing");
        if (form is null)
        {
            return;
        }

        if (!string.Equals(Single(form, "client_id"), _options.ClientId, StringComparison.Ordinal)
            || !string.Equals(Single(form, "client_secret"), _options.ClientSecret, StringComparison.Ordinal))
        {
            await HttpAnswers.OAuthErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_client", "The client credentials are invalid");
            return;
        }

        switch (Single(form, "grant_type"))
        {
            case "client_credentials":
                if (!string.Equals(Single(form, "box_subject_type"), "enterprise", StringComparison.Ordinal)
                    || !string.Equals(Single(form, "box_subject_id"), _options.EnterpriseId, StringComparison.Ordinal))
                {
                    await HttpAnswers.OAuthErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_grant", "Grant credentials are invalid");
                    return;
                }

                break;
            case JwtBearerGrant:
                if (!_jwt.IsEnabled)
                {
                    await HttpAnswers.OAuthErrorAsync(context, StatusCodes.Status400BadRequest, "unauthorized_client", "This app is not configured for JWT authentication");
                    return;
                }

                var audience = $"{request.Scheme}://{request.Host}{TokenPath}";
                if (Single(form, "assertion") is not { } assertion)
                {
                    await HttpAnswers.OAuthErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_request", "Missing assertion");
                    return;
                }

                if (_jwt.Verify(assertion, audience) is { } problem)
                {
                    await HttpAnswers.OAuthErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_grant", problem);
                    return;
                }

                break;
            case null:
                await HttpAnswers.OAuthErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_request", "Invalid grant_type parameter or parameter missing");
                return;
            default:
                await HttpAnswers.OAuthErrorAsync(context, StatusCodes.Status400BadRequest, "unsupported_grant_type", "The simulator supports client_credentials and the JWT bearer grant");
                return;
        }

        await SendTokenAsync(context, fault);
    }
}
