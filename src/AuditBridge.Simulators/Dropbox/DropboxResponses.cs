using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace AuditBridge.Simulators.Dropbox;

/// <summary>The response shapes of A.5–A.7: plain-text 400s, Stone error unions, OAuth errors, 429 and 5xx bodies.</summary>
internal static class DropboxResponses
{
    public const string JsonContentType = "application/json";
    public const string TextContentType = "text/plain; charset=utf-8";
    public const string HtmlContentType = "text/html; charset=utf-8";

    public static Task BadInputAsync(HttpContext context, string function, string detail) =>
        TextAsync(context, StatusCodes.Status400BadRequest, $"Error in call to API function \"{function}\": {detail}");

    public static Task TextAsync(HttpContext context, int status, string text) =>
        BytesAsync(context, status, TextContentType, Encoding.UTF8.GetBytes(text));

    public static Task HtmlAsync(HttpContext context, int status, string html) =>
        BytesAsync(context, status, HtmlContentType, Encoding.UTF8.GetBytes(html));

    /// <summary>
    /// A Stone error union: <c>{"error_summary":"tag/..","error":{".tag":"tag"}}</c>, with a primitive payload nested
    /// under the tag's own name (Stone rule 3, e.g. <c>"reset":"2024-…Z"</c>).
    /// </summary>
    public static Task UnionErrorAsync(HttpContext context, int status, string tag, string? payload = null)
    {
        var body = DropboxJson.Fragment(w =>
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
        return BytesAsync(context, status, JsonContentType, body);
    }

    public static Task OAuthErrorAsync(HttpContext context, int status, string error, string description)
    {
        var body = DropboxJson.Fragment(w =>
        {
            w.WriteStartObject();
            w.WriteString("error", error);
            w.WriteString("error_description", description);
            w.WriteEndObject();
        });
        return BytesAsync(context, status, JsonContentType, body);
    }

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
            return TextAsync(context, StatusCodes.Status429TooManyRequests, inBody ? $"Too many requests. Retry after {seconds} seconds." : "Too many requests");
        }

        var body = DropboxJson.Fragment(w =>
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
        return BytesAsync(context, StatusCodes.Status429TooManyRequests, JsonContentType, body);
    }

    public static Task ServerErrorAsync(HttpContext context, int status)
    {
        if (status == StatusCodes.Status500InternalServerError)
        {
            return TextAsync(context, status, "Internal Server Error");
        }

        var code = status.ToString(CultureInfo.InvariantCulture);
        var reason = ReasonPhrases.GetReasonPhrase(status);
        return HtmlAsync(context, status, $"<html>\r\n<head><title>{code} {reason}</title></head>\r\n<body>\r\n<center><h1>{code}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n");
    }

    public static async Task BytesAsync(HttpContext context, int status, string contentType, byte[] body)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.RequestAborted);
    }

    public static byte[] TokenBody(string accessToken, long expiresIn) => DropboxJson.Fragment(w =>
    {
        w.WriteStartObject();
        w.WriteString("access_token", accessToken);
        w.WriteString("token_type", "bearer");
        w.WriteNumber("expires_in", expiresIn);
        w.WriteEndObject();
    });
}
