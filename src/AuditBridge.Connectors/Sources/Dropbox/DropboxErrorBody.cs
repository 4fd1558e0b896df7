using System.Text.Json;
using AuditBridge.Sources.Http;
using AuditBridge.Sources.Json;

namespace AuditBridge.Sources.Dropbox;

/// <summary>Reads the parts of Dropbox API v2 error bodies that decide what to do (saas-apis.md A.5, A.6).</summary>
internal static class DropboxErrorBody
{
    /// <summary>The error's <c>.tag</c> (<c>reset</c>, <c>expired_access_token</c> …), or null when the body is not a JSON error.</summary>
    public static string? Tag(VendorResponse response) => Read(response, static root => JsonRead.Tag(JsonRead.Object(root, "error"u8)));

    /// <summary>The payload of a union error whose payload is a string (the timestamp of <c>reset</c>).</summary>
    public static string? StringPayload(VendorResponse response, string tag) => Read(response, root => JsonRead.String(JsonRead.Object(root, "error"u8), tag));

    /// <summary>A nested tag inside the error, for example <c>required_scope</c> of <c>missing_scope</c>.</summary>
    public static string? Field(VendorResponse response, string name) => StringPayload(response, name);

    /// <summary><c>retry_after</c> seconds of a JSON 429 body (RateLimitError), when present.</summary>
    public static TimeSpan? RetryAfter(VendorResponse response) => Read<TimeSpan?>(response, static root =>
        JsonRead.Object(root, "error"u8) is { } error && JsonRead.Any(error, "retry_after"u8) is { ValueKind: JsonValueKind.Number } seconds
        && seconds.TryGetInt64(out var value) && value >= 0
            ? TimeSpan.FromSeconds(value)
            : null);

    private static T? Read<T>(VendorResponse response, Func<JsonElement, T?> read)
    {
        if (response.Length == 0)
        {
            return default;
        }

        try
        {
            using var document = JsonDocument.Parse(response.Body);
            return document.RootElement.ValueKind == JsonValueKind.Object ? read(document.RootElement) : default;
        }
        catch (JsonException)
        {
            // Dropbox sends some errors (400, some 429) as plain text.
            return default;
        }
    }
}
