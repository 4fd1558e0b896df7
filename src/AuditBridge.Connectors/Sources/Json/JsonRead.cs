using System.Text.Json;

namespace AuditBridge.Sources.Json;

/// <summary>Tolerant readers for vendor JSON: a missing member or a member of another type reads as null, never throws.</summary>
internal static class JsonRead
{
    public static JsonElement? Object(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    public static JsonElement? Array(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value : null;

    public static JsonElement? Any(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static string? String(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? NullIfEmpty(value.GetString())
            : null;

    public static string? String(JsonElement? parent, string name) => parent is { } p ? String(p, name) : null;

    /// <summary>The <c>.tag</c> of a Dropbox (Stone) union value.</summary>
    public static string? Tag(JsonElement? union) => union is { } u ? String(u, ".tag") : null;

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
