using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace AuditBridge.Sources.Json;

// This is the guard around the calls eng/BannedSymbols.VendorJson.txt bans everywhere else in the project.
#pragma warning disable RS0030

/// <summary>
/// The one guarded reader of vendor JSON. A missing member or a member of another type reads as null, and nothing a
/// vendor can send makes a read throw.
/// </summary>
/// <remarks>
/// System.Text.Json parses every valid JSON document, but throws <see cref="InvalidOperationException"/> later, when it
/// has to turn a string into text: a value or a member <em>name</em> whose escapes hold a lone surrogate
/// (<c>"\ud800"</c>: valid JSON, but no text), or whose bytes are not UTF-8. <see cref="JsonElement.GetString"/>,
/// <see cref="JsonElement.ValueEquals(string)"/> and <see cref="JsonElement.WriteTo"/> throw on such a value, and
/// <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/> throws on any object that merely <em>holds</em>
/// such a name, whatever name is asked for. One end user's device name must not stop a tenant's log, so mappers, page
/// parsers and indicators read vendor JSON only through here (the analyzer bans the raw calls in this project).
/// </remarks>
internal static class JsonRead
{
    // Names chosen at run time (a Dropbox union tag, Dashlane placeholder keys). The UTF-8 overloads are the hot path.
    public static JsonElement? Object(JsonElement parent, string name) =>
        TryGetProperty(parent, name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    public static JsonElement? Any(JsonElement parent, string name) =>
        TryGetProperty(parent, name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static string? String(JsonElement parent, string name) =>
        TryGetProperty(parent, name, out var value) && value.ValueKind == JsonValueKind.String ? NullIfEmpty(Text(value)) : null;

    public static string? String(JsonElement? parent, string name) => parent is { } p ? String(p, name) : null;

    // The same with UTF-8 names ("name"u8): the mappers' hot path. A string name is transcoded on every lookup.
    public static JsonElement? Object(JsonElement parent, ReadOnlySpan<byte> name) =>
        TryGetProperty(parent, name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    public static JsonElement? Array(JsonElement parent, ReadOnlySpan<byte> name) =>
        TryGetProperty(parent, name, out var value) && value.ValueKind == JsonValueKind.Array ? value : null;

    public static JsonElement? Any(JsonElement parent, ReadOnlySpan<byte> name) =>
        TryGetProperty(parent, name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static string? String(JsonElement parent, ReadOnlySpan<byte> name) =>
        TryGetProperty(parent, name, out var value) && value.ValueKind == JsonValueKind.String
            ? NullIfEmpty(Text(value))
            : null;

    public static string? String(JsonElement? parent, ReadOnlySpan<byte> name) => parent is { } p ? String(p, name) : null;

    /// <summary>
    /// The member <paramref name="name"/> of <paramref name="parent"/> (the last one when a name repeats, as
    /// <see cref="JsonElement.TryGetProperty(ReadOnlySpan{byte}, out JsonElement)"/>); false when
    /// <paramref name="parent"/> is not an object or has no such member. A member whose own name has no text (a lone
    /// surrogate) is never the one asked for, and no longer hides the others.
    /// </summary>
    public static bool TryGetProperty(JsonElement parent, ReadOnlySpan<byte> name, out JsonElement value)
    {
        if (parent.ValueKind != JsonValueKind.Object)
        {
            value = default;
            return false;
        }

        try
        {
            return parent.TryGetProperty(name, out value);
        }
        catch (InvalidOperationException)
        {
            return FindByName(parent, name, out value);
        }
    }

    /// <inheritdoc cref="TryGetProperty(JsonElement, ReadOnlySpan{byte}, out JsonElement)"/>
    public static bool TryGetProperty(JsonElement parent, string name, out JsonElement value)
    {
        var max = Encoding.UTF8.GetMaxByteCount(name.Length);
        Span<byte> utf8 = max <= 256 ? stackalloc byte[max] : new byte[max];
        return TryGetProperty(parent, utf8[..Encoding.UTF8.GetBytes(name, utf8)], out value);
    }

    /// <summary>
    /// The text of a JSON string value. A string whose escapes hold a lone surrogate (<c>"\ud800"</c>: valid JSON, but no
    /// text) reads as its content as the vendor wrote it, escapes and all; bytes that are not UTF-8 read as U+FFFD. One
    /// hostile value must not stop a source, and what it said stays visible.
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

    /// <summary>True when <paramref name="value"/> is a JSON string whose text is <paramref name="utf8Text"/>; a string without text is equal to none.</summary>
    public static bool TextEquals(JsonElement value, ReadOnlySpan<byte> utf8Text)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        try
        {
            return value.ValueEquals(utf8Text);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>The value as the vendor wrote it, as text (bytes that are not UTF-8 read as U+FFFD; never throws).</summary>
    public static string RawText(JsonElement value) => Encoding.UTF8.GetString(JsonMarshal.GetRawUtf8Value(value));

    /// <summary>A member's name as text; a name without text (a lone surrogate) reads as written, escapes and all.</summary>
    public static string Name(JsonProperty property) =>
        TryName(property, out var name) ? name : Encoding.UTF8.GetString(JsonMarshal.GetRawUtf8PropertyName(property));

    /// <summary>A member's name as text; false when its escapes hold a lone surrogate and no text exists.</summary>
    public static bool TryName(JsonProperty property, [NotNullWhen(true)] out string? name)
    {
        try
        {
            name = property.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            name = null;
            return false;
        }
    }

    /// <summary>
    /// Writes <paramref name="value"/> as <see cref="CompactJson.From"/> does: as <see cref="JsonElement.WriteTo"/> would,
    /// but a value with no text, which that refuses half-way through, is copied as the vendor wrote it.
    /// </summary>
    public static void WriteValue(Utf8JsonWriter writer, JsonElement value) =>
        writer.WriteRawValue(CompactJson.From(value), skipInputValidation: true);

    /// <summary>The <c>.tag</c> of a Dropbox (Stone) union value.</summary>
    public static string? Tag(JsonElement? union) => union is { } u ? String(u, ".tag"u8) : null;

    private static bool FindByName(JsonElement parent, ReadOnlySpan<byte> name, out JsonElement value)
    {
        var found = false;
        value = default;
        foreach (var property in parent.EnumerateObject())
        {
            bool equal;
            try
            {
                equal = property.NameEquals(name);
            }
            catch (InvalidOperationException)
            {
                // This is the name without text: no name asked for by a mapper.
                equal = false;
            }

            if (equal)
            {
                value = property.Value;
                found = true;
            }
        }

        return found;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
