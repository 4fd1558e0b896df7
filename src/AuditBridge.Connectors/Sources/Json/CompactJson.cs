using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AuditBridge.Sources.Json;

/// <summary>Compact JSON of a fragment of a vendor event, for formats that carry fragments whole (CEF <c>csN</c>).</summary>
internal static class CompactJson
{
    // Outside a string only whitespace and the opening quote matter; inside it, the closing quote and escapes.
    private static readonly SearchValues<byte> OutsideString = SearchValues.Create(" \t\r\n\""u8);
    private static readonly SearchValues<byte> InsideString = SearchValues.Create("\"\\"u8);

    // Non-ASCII stays readable in a SIEM; control characters are still escaped (\n, \t, \u0001), so the result never
    // holds a raw line break.
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <summary>
    /// <paramref name="element"/> written again without whitespace (escapes of readable text decoded). Never throws: a
    /// string with no text (an escaped lone surrogate, or bytes that are not UTF-8), which the writer refuses, makes the
    /// whole fragment a copy of the vendor's bytes without the whitespace between tokens, still valid JSON and still
    /// without a raw line break (a JSON string cannot hold one).
    /// </summary>
    public static byte[] From(JsonElement element)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        try
        {
            using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            {
#pragma warning disable RS0030 // Guarded: a value without text falls back to the vendor's bytes below.
                element.WriteTo(writer);
#pragma warning restore RS0030
            }

            return buffer.WrittenSpan.ToArray();
        }
        catch (InvalidOperationException)
        {
            return WithoutWhitespace(JsonMarshal.GetRawUtf8Value(element));
        }
    }

    /// <summary>Valid JSON without the whitespace between its tokens; strings, escapes and numbers copied byte for byte.</summary>
    internal static byte[] WithoutWhitespace(ReadOnlySpan<byte> json)
    {
        var compact = new byte[json.Length];
        var length = 0;
        var rest = json;
        while (!rest.IsEmpty)
        {
            var next = rest.IndexOfAny(OutsideString);
            if (next < 0)
            {
                rest.CopyTo(compact.AsSpan(length));
                length += rest.Length;
                break;
            }

            rest[..next].CopyTo(compact.AsSpan(length));
            length += next;
            if (rest[next] != (byte)'"')
            {
                rest = rest[(next + 1)..];
                continue;
            }

            var end = StringEnd(rest[next..]);
            rest.Slice(next, end).CopyTo(compact.AsSpan(length));
            length += end;
            rest = rest[(next + end)..];
        }

        return compact.AsSpan(0, length).ToArray();
    }

    /// <summary>
    /// True when <paramref name="json"/> (a valid JSON value) has no whitespace outside its strings, so it can be used
    /// as it is instead of being written again.
    /// </summary>
    public static bool IsCompact(ReadOnlySpan<byte> json)
    {
        // Every section of every event passes here: jump between the bytes that matter with vectorized searches
        // instead of looking at each one.
        var rest = json;
        while (true)
        {
            var next = rest.IndexOfAny(OutsideString);
            if (next < 0)
            {
                return true;
            }

            if (rest[next] != (byte)'"')
            {
                return false;
            }

            rest = rest[(next + 1)..];
            while (true)
            {
                var end = rest.IndexOfAny(InsideString);
                if (end < 0)
                {
                    return true;
                }

                if (rest[end] == (byte)'"')
                {
                    rest = rest[(end + 1)..];
                    break;
                }

                // A backslash escapes the byte after it, a quote included.
                rest = rest[Math.Min(end + 2, rest.Length)..];
            }
        }
    }

    /// <summary>The length of the string token at the start of <paramref name="json"/>, both quotes included.</summary>
    private static int StringEnd(ReadOnlySpan<byte> json)
    {
        var at = 1;
        while (at < json.Length)
        {
            var end = json[at..].IndexOfAny(InsideString);
            if (end < 0)
            {
                return json.Length;
            }

            at += end;
            if (json[at] == (byte)'"')
            {
                return at + 1;
            }

            // A backslash escapes the byte after it, a quote included.
            at += 2;
        }

        return Math.Min(at, json.Length);
    }

    /// <summary>True for values that carry nothing: null, <c>[]</c> and <c>{}</c>.</summary>
    public static bool IsEmpty(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => true,
        JsonValueKind.Array => element.GetArrayLength() == 0,
        JsonValueKind.Object => !element.EnumerateObject().Any(),
        _ => false,
    };
}
