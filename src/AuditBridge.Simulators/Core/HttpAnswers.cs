using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace AuditBridge.Simulators.Core;

/// <summary>Responses whose shape is the same at every vendor: raw bytes, text, HTML, OAuth errors, a captive portal, a cut body.</summary>
internal static class HttpAnswers
{
    public const string JsonContentType = "application/json";
    public const string TextContentType = "text/plain; charset=utf-8";
    public const string HtmlContentType = "text/html; charset=utf-8";

    /// <summary>What a captive portal or misrouted proxy answers instead of the API: 200 and a sign-in page.</summary>
    public const string CaptivePortalHtml =
        "<!DOCTYPE html>\n<html><head><title>Sign in to the network</title></head><body><h1>Captive portal</h1><p>Please accept the terms to continue.</p></body></html>\n";

    public static async Task BytesAsync(HttpContext context, int status, string contentType, byte[] body)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.RequestAborted);
    }

    public static Task TextAsync(HttpContext context, int status, string text) =>
        BytesAsync(context, status, TextContentType, Encoding.UTF8.GetBytes(text));

    public static Task HtmlAsync(HttpContext context, int status, string html) =>
        BytesAsync(context, status, HtmlContentType, Encoding.UTF8.GetBytes(html));

    public static Task JsonAsync(HttpContext context, int status, byte[] json) =>
        BytesAsync(context, status, JsonContentType, json);

    /// <summary>RFC 6749 §5.2: <c>{"error":…,"error_description":…}</c>, as both vendors' token endpoints answer.</summary>
    public static Task OAuthErrorAsync(HttpContext context, int status, string error, string description)
    {
        var body = SimulatorJson.Fragment(w =>
        {
            w.WriteStartObject();
            w.WriteString("error", error);
            w.WriteString("error_description", description);
            w.WriteEndObject();
        });
        return JsonAsync(context, status, body);
    }

    /// <summary>
    /// The HTML error page of the web server in front of an API (a gateway's 502, 503 or 504): the title names the status and
    /// its reason phrase, and so does the heading unless the server writes its own (<paramref name="heading"/>); a server that
    /// signs its pages adds a <paramref name="signature"/> line.
    /// </summary>
    public static Task GatewayPageAsync(HttpContext context, int status, string? heading = null, string signature = "")
    {
        var title = string.Create(CultureInfo.InvariantCulture, $"{status} {ReasonPhrases.GetReasonPhrase(status)}");
        return HtmlAsync(context, status, $"<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{heading ?? title}</h1></center>\r\n{signature}</body>\r\n</html>\r\n");
    }

    /// <summary>Announces the whole body in Content-Length, sends half of it, then drops the connection.</summary>
    public static async Task TruncatedAsync(HttpContext context, ReadOnlyMemory<byte> full)
    {
        var response = context.Response;
        response.ContentLength = full.Length;
        await response.Body.WriteAsync(full[..(full.Length / 2)], context.RequestAborted);
        await response.Body.FlushAsync(context.RequestAborted);
        context.Abort();
    }

    /// <summary>Never answers: waits until the client gives up or <paramref name="stopping"/> fires, then drops the connection.</summary>
    public static async Task HangAsync(HttpContext context, TimeProvider time, CancellationToken stopping)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, time, linked.Token);
        }
        catch (OperationCanceledException)
        {
            // The client gave up or the simulator is stopping; either way the connection goes without an answer.
            context.Abort();
        }
    }
}
