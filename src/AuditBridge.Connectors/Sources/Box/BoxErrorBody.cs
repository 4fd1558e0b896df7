using System.Text.Json;
using AuditBridge.Sources.Http;
using AuditBridge.Sources.Json;

namespace AuditBridge.Sources.Box;

/// <summary>
/// Reads Box API error bodies (saas-apis.md B.6): <c>ClientError</c>
/// <c>{"type":"error","status","code","message","request_id",…}</c> (the token endpoint's OAuth errors are the token
/// authorizer's). Anything else (an HTML page from a proxy, an empty 401) reads as null.
/// </summary>
internal static class BoxErrorBody
{
    /// <summary>The <c>code</c> of a ClientError (<c>bad_request</c>, <c>access_denied_insufficient_permissions</c> …).</summary>
    public static string? Code(VendorResponse response) => String(response, "code");

    /// <summary>The <c>message</c> of a ClientError (<c>Invalid stream position</c> …).</summary>
    public static string? Message(VendorResponse response) => String(response, "message");

    /// <summary>The <c>request_id</c> of a ClientError, worth quoting to Box support.</summary>
    public static string? RequestId(VendorResponse response) => String(response, "request_id");

    /// <summary>
    /// True for Box's answer to a stream position it cannot continue: 400 whose message or code names the stream
    /// position ("Invalid stream position", Elastic issue 18413; older APIs said "nextStreamPosition value is malformed").
    /// </summary>
    public static bool IsInvalidStreamPosition(VendorResponse response)
    {
        if (response.Status != System.Net.HttpStatusCode.BadRequest)
        {
            return false;
        }

        foreach (var text in new[] { Message(response), Code(response) })
        {
            if (text is not null && Normalize(text).Contains("streamposition", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static string Normalize(string text) =>
        string.Concat(text.Where(static c => char.IsAsciiLetterOrDigit(c))).ToLowerInvariant();

    private static string? String(VendorResponse response, string name)
    {
        if (response.Length == 0)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(response.Body);
            var root = document.RootElement;
            return JsonRead.String(root, name);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
