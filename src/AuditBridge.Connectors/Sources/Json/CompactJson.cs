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
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var b = json[i];
            if (inString)
            {
                if (b == (byte)'\\')
                {
                    i++;
                }
                else if (b == (byte)'"')
                {
                    inString = false;
                }
            }
            else if (b == (byte)'"')
            {
                inString = true;
            }
            else if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                return false;
            }
        }

        return true;
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
