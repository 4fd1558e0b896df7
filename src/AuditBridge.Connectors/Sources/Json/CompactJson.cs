using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AuditBridge.Sources.Json;

/// <summary>Compact JSON of a fragment of a vendor event, for formats that carry fragments whole (CEF <c>csN</c>).</summary>
internal static class CompactJson
{
    // Non-ASCII stays readable in a SIEM; control characters are still escaped (\n, \t, \u0001), so the result never
    // holds a raw line break.
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    // Outside a string only whitespace and the opening quote matter; inside it, the closing quote and escapes.
    private static readonly SearchValues<byte> OutsideString = SearchValues.Create(" \t\r\n\""u8);
    private static readonly SearchValues<byte> InsideString = SearchValues.Create("\"\\"u8);

    public static byte[] From(JsonElement element)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            element.WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
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

    /// <summary>True for values that carry nothing: null, <c>[]</c> and <c>{}</c>.</summary>
    public static bool IsEmpty(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => true,
        JsonValueKind.Array => element.GetArrayLength() == 0,
        JsonValueKind.Object => !element.EnumerateObject().Any(),
        _ => false,
    };
}
