using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace AuditBridge.Simulators.Box;

internal sealed partial class BoxRequestHandler
{
    private const string JwtBearerGrant = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private static readonly string[] CredentialParameters = ["client_id", "client_secret", "assertion", "box_subject_id"];

    /// <summary>
    /// <c>POST /oauth2/token</c> (saas-apis.md B.5): <c>grant_type=client_credentials</c> with <c>box_subject_type=enterprise</c>
    /// and <c>box_subject_id</c>, or the JWT bearer grant with a signed <c>assertion</c>; both with the app's
    /// <c>client_id</c> and <c>client_secret</c> in the form body.
    /// </summary>
    private async Task HandleTokenAsync(HttpContext context, byte[] body, BoxFault? fault)
    {
        var request = context.Request;
        if (CredentialParameters.Any(request.Query.ContainsKey))
        {
            await BoxResponses.OAuthErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_request", "Credentials must be sent in the request body, not in the query string");
            return;
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !string.Equals(mediaType.MediaType, "application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            await BoxResponses.OAuthErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_request", "Invalid grant_type parameter or parameter missing");
            return;
        }

        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
        if (!string.Equals(Single(form, "client_id"), _options.ClientId, StringComparison.Ordinal)
            || !string.Equals(Single(form, "client_secret"), _options.ClientSecret, StringComparison.Ordinal))
        {
            await BoxResponses.OAuthErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_client", "The client credentials are invalid");
            return;
        }

        switch (Single(form, "grant_type"))
        {
            case "client_credentials":
                if (!string.Equals(Single(form, "box_subject_type"), "enterprise", StringComparison.Ordinal)
                    || !string.Equals(Single(form, "box_subject_id"), _options.EnterpriseId, StringComparison.Ordinal))
                {
                    await BoxResponses.OAuthErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_grant", "Grant credentials are invalid");
                    return;
                }

                break;
            case JwtBearerGrant:
                if (!_jwt.IsEnabled)
                {
                    await BoxResponses.OAuthErrorAsync(context, StatusCodes.Status400BadRequest, "unauthorized_client", "This app is not configured for JWT authentication");
                    return;
                }

                var audience = $"{request.Scheme}://{request.Host}{TokenPath}";
                if (Single(form, "assertion") is not { } assertion)
                {
                    await BoxResponses.OAuthErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_request", "Missing assertion");
                    return;
                }

                if (_jwt.Verify(assertion, audience) is { } problem)
                {
                    await BoxResponses.OAuthErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_grant", problem);
                    return;
                }

                break;
            case null:
                await BoxResponses.OAuthErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_request", "Invalid grant_type parameter or parameter missing");
                return;
            default:
                await BoxResponses.OAuthErrorAsync(context, StatusCodes.Status400BadRequest, "unsupported_grant_type", "The simulator supports client_credentials and the JWT bearer grant");
                return;
        }

        var tokenBody = BoxResponses.TokenBody(_tokens.Issue(), _tokens.LifetimeSeconds);
        context.Response.Headers.CacheControl = "no-store";
        if (fault?.Kind == BoxFaultKind.TruncatedBody)
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = BoxResponses.JsonContentType;
            await SendTruncatedAsync(context, tokenBody);
            return;
        }

        await BoxResponses.BytesAsync(context, StatusCodes.Status200OK, BoxResponses.JsonContentType, tokenBody);
    }

    private static string? Single(Dictionary<string, StringValues> form, string name) =>
        form.TryGetValue(name, out var values) && values.Count == 1 ? values[0] : null;
}
