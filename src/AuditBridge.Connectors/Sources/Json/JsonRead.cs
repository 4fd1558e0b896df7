using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Text;
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
            ? NullIfEmpty(Text(value))
            : null;

    public static string? String(JsonElement? parent, string name) => parent is { } p ? String(p, name) : null;

    // The same with UTF-8 names ("name"u8): the mappers' hot path. A string name is transcoded on every lookup.
    public static JsonElement? Object(JsonElement parent, ReadOnlySpan<byte> name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    public static JsonElement? Array(JsonElement parent, ReadOnlySpan<byte> name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value : null;

    public static JsonElement? Any(JsonElement parent, ReadOnlySpan<byte> name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static string? String(JsonElement parent, ReadOnlySpan<byte> name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? NullIfEmpty(Text(value))
            : null;

    public static string? String(JsonElement? parent, ReadOnlySpan<byte> name) => parent is { } p ? String(p, name) : null;

    /// <summary>
    /// The text of a JSON string value. A string whose escapes hold a lone surrogate (<c>"\ud800"</c>: valid JSON, but no
    /// text, and <see cref="JsonElement.GetString"/> throws) reads as its content as the vendor wrote it, escapes and all:
    /// one hostile value must not stop a source, and what it said stays visible.
    /// </summary>
    public static string Text(JsonElement value) =>
        TryText(value, out var text) ? text : Encoding.UTF8.GetString(JsonMarshal.GetRawUtf8Value(value)[1..^1]);

    /// <summary>The text of a JSON string value; false when its escapes hold a lone surrogate and no text exists.</summary>
    public static bool TryText(JsonElement value, [NotNullWhen(true)] out string? text)
    {
        try
        {
            text = value.GetString() ?? string.Empty;
            return true;
        }
        catch (InvalidOperationException) when (value.ValueKind == JsonValueKind.String)
        {
            text = null;
            return false;
        }
    }

    /// <summary>The <c>.tag</c> of a Dropbox (Stone) union value.</summary>
    public static string? Tag(JsonElement? union) => union is { } u ? String(u, ".tag"u8) : null;

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
