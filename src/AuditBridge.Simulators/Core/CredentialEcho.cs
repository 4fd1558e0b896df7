using System.Text;

namespace AuditBridge.Simulators.Core;

/// <summary>
/// What a hostile or careless endpoint sends back: the request's credentials echoed (its Authorization header and its
/// whole body, where a token request carries the refresh token, client id and secret), wrapped in terminal control
/// codes (ESC, BEL). The simulators' echo faults answer with it, so tests prove a client neither prints the
/// credentials nor lets the codes reach a terminal.
/// </summary>
internal static class CredentialEcho
{
    /// <summary>The echo of one request: <c>ESC[31m rejected: Authorization: … body: … BEL ESC[0m</c>.</summary>
    public static string Text(HttpContext context, byte[] body)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        return $"\u001b[31mrejected\u0007 Authorization: {authorization}; body: {Encoding.UTF8.GetString(body)}\u001b[0m";
    }

    /// <summary>A JSON document (indented, escaped as System.Text.Json escapes) whose listed properties are all <paramref name="echo"/>.</summary>
    public static byte[] Json(string echo, params string[] properties)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            foreach (var property in properties)
            {
                writer.WriteString(property, echo);
            }

            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary><paramref name="location"/> with the echo in its path and query, as a redirect that leaks what it got.</summary>
    public static string Location(Uri location, string echo) =>
        new Uri(location, "echo/" + Uri.EscapeDataString(echo) + "?token=" + Uri.EscapeDataString(echo)).AbsoluteUri;
}
