namespace AuditBridge.Simulators.Box;

/// <summary>The response shapes of saas-apis.md B.5, B.6 and B.8 that are Box's own: ClientError bodies, the empty 401, 429 and 5xx, the token body.</summary>
internal static class BoxResponses
{
    public const string HelpUrl = "https://developer.box.com/guides/api-calls/permissions-and-errors/common-errors/";

    /// <summary>
    /// <c>{"type":"error","status":…,"code":…,"context_info":…,"help_url":…,"message":…,"request_id":…}</c>; the
    /// request id is the one in the <c>box-request-id</c> header.
    /// </summary>
    public static Task ClientErrorAsync(HttpContext context, int status, string code, string message, (string Name, string Reason, string Message)? invalidParameter = null)
    {
        var body = SimulatorJson.Fragment(w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "error");
            w.WriteNumber("status", status);
            w.WriteString("code", code);
            if (invalidParameter is { } parameter)
            {
                w.WritePropertyName("context_info");
                w.WriteStartObject();
                w.WritePropertyName("errors");
                w.WriteStartArray();
                w.WriteStartObject();
                w.WriteString("reason", parameter.Reason);
                w.WriteString("name", parameter.Name);
                w.WriteString("message", parameter.Message);
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteString("help_url", HelpUrl);
            w.WriteString("message", message);
            w.WriteString("request_id", context.Response.Headers["box-request-id"].ToString());
            w.WriteEndObject();
        });
        return HttpAnswers.JsonAsync(context, status, body);
    }

    /// <summary>Box answers a missing, unknown or expired token with an empty 401 and a <c>WWW-Authenticate</c> header.</summary>
    public static Task UnauthorizedAsync(HttpContext context, string description)
    {
        context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"Service\", error=\"invalid_token\", error_description=\"{description}\"";
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.ContentLength = 0;
        return Task.CompletedTask;
    }

    public static Task RateLimitedAsync(HttpContext context, BoxFault fault)
    {
        if (fault.RetryAfterInHeader)
        {
            context.Response.Headers.RetryAfter = fault.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }

        return ClientErrorAsync(context, StatusCodes.Status429TooManyRequests, "rate_limit_exceeded", "Request rate limit exceeded, please try again later");
    }

    /// <summary>500 and 503 as ClientError bodies; other 5xx the HTML page of a gateway.</summary>
    public static Task ServerErrorAsync(HttpContext context, int status)
    {
        switch (status)
        {
            case StatusCodes.Status500InternalServerError:
                return ClientErrorAsync(context, status, "internal_server_error", "Internal Server Error");
            case StatusCodes.Status503ServiceUnavailable:
                return ClientErrorAsync(context, status, "unavailable", "Unavailable");
        }

        return HttpAnswers.GatewayPageAsync(context, status);
    }

    /// <summary>The token response of saas-apis.md B.8: no refresh token for server authentication.</summary>
    public static byte[] TokenBody(string accessToken, long expiresIn) => SimulatorJson.Fragment(w =>
    {
        w.WriteStartObject();
        w.WriteString("access_token", accessToken);
        w.WriteNumber("expires_in", expiresIn);
        w.WriteStartArray("restricted_to");
        w.WriteEndArray();
        w.WriteString("token_type", "bearer");
        w.WriteEndObject();
    });
}
