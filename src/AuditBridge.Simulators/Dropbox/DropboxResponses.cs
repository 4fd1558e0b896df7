namespace AuditBridge.Simulators.Dropbox;

/// <summary>The response shapes of A.5–A.7 that are Dropbox's own: plain-text 400s, Stone error unions, 429 and 5xx bodies, the token body.</summary>
internal static class DropboxResponses
{
    public static Task BadInputAsync(HttpContext context, string function, string detail) =>
        HttpAnswers.TextAsync(context, StatusCodes.Status400BadRequest, $"Error in call to API function \"{function}\": {detail}");

    /// <summary>
    /// A Stone error union: <c>{"error_summary":"tag/..","error":{".tag":"tag"}}</c>, with a primitive payload nested
    /// under the tag's own name (Stone rule 3, e.g. <c>"reset":"2024-…Z"</c>).
    /// </summary>
    public static Task UnionErrorAsync(HttpContext context, int status, string tag, string? payload = null)
    {
        var body = SimulatorJson.Fragment(w =>
        {
            w.WriteStartObject();
            w.WriteString(JsonNames.ErrorSummary, tag + "/..");
            w.WritePropertyName(JsonNames.Error);
            w.WriteStartObject();
            w.WriteString(JsonNames.Tag, tag);
            if (payload is not null)
            {
                w.WriteString(tag, payload);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        });
        return HttpAnswers.JsonAsync(context, status, body);
    }

    /// <summary>A union error whose summary, tag and required scope are all <paramref name="echo"/>: the credential echo on the API routes.</summary>
    public static byte[] EchoUnionError(string echo) => SimulatorJson.Fragment(w =>
    {
        w.WriteStartObject();
        w.WriteString(JsonNames.ErrorSummary, echo);
        w.WritePropertyName(JsonNames.Error);
        w.WriteStartObject();
        w.WriteString(JsonNames.Tag, echo);
        w.WriteString("required_scope", echo);
        w.WriteEndObject();
        w.WriteEndObject();
    });

    public static Task RateLimitedAsync(HttpContext context, DropboxFault fault)
    {
        var seconds = fault.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        var inHeader = fault.RetryAfterPlacement is RetryAfterIn.Header or RetryAfterIn.Both;
        var inBody = fault.RetryAfterPlacement is RetryAfterIn.Body or RetryAfterIn.Both;
        if (inHeader)
        {
            context.Response.Headers.RetryAfter = seconds;
        }

        if (fault.IsPlainText)
        {
            return HttpAnswers.TextAsync(context, StatusCodes.Status429TooManyRequests, inBody ? $"Too many requests. Retry after {seconds} seconds." : "Too many requests");
        }

        var body = SimulatorJson.Fragment(w =>
        {
            w.WriteStartObject();
            w.WriteString(JsonNames.ErrorSummary, "too_many_requests/..");
            w.WritePropertyName(JsonNames.Error);
            w.WriteStartObject();
            w.WritePropertyName("reason");
            w.WriteStartObject();
            w.WriteString(JsonNames.Tag, "too_many_requests");
            w.WriteEndObject();
            if (inBody)
            {
                w.WriteNumber("retry_after", fault.RetryAfterSeconds);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        });
        return HttpAnswers.JsonAsync(context, StatusCodes.Status429TooManyRequests, body);
    }

    /// <summary>500 in plain text, as Dropbox's API sends it; other 5xx the HTML page of the nginx in front of it.</summary>
    public static Task ServerErrorAsync(HttpContext context, int status)
    {
        if (status == StatusCodes.Status500InternalServerError)
        {
            return HttpAnswers.TextAsync(context, status, "Internal Server Error");
        }

        return HttpAnswers.GatewayPageAsync(context, status, status.ToString(CultureInfo.InvariantCulture), "<hr><center>nginx</center>\r\n");
    }

    public static byte[] TokenBody(string accessToken, long expiresIn) => SimulatorJson.Fragment(w =>
    {
        w.WriteStartObject();
        w.WriteString("access_token", accessToken);
        w.WriteString("token_type", "bearer");
        w.WriteNumber("expires_in", expiresIn);
        w.WriteEndObject();
    });
}
