using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AuditBridge.Simulators.Dropbox;

/// <summary>Writer settings and helpers shared by everything the simulator serialises.</summary>
internal static class DropboxJson
{
    /// <summary>
    /// The relaxed encoder leaves non-ASCII text and characters such as <c>&lt;</c> or <c>|</c> unescaped, as a Python
    /// API would send them, so hostile values reach clients raw; JSON-breaking characters (quotes, backslashes,
    /// control characters) are still escaped, so the output is always valid JSON.
    /// </summary>
    public static readonly JsonWriterOptions EventWriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    public static readonly JsonWriterOptions CheckedWriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static JsonEncodedText Encode(string value) => JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping);

    /// <summary>
    /// <paramref name="value"/> as one JSON string, quotes included, escaped like <see cref="Encode"/>; a lone surrogate
    /// (which no JsonEncodedText or writer accepts) becomes <c>\ud800</c>, as a Python API sends one.
    /// </summary>
    public static byte[] QuotedLenient(string value)
    {
        var output = new ArrayBufferWriter<byte>(value.Length + 16);
        output.Write("\""u8);
        var run = 0;
        for (var i = 0; i <= value.Length; i++)
        {
            var lone = i < value.Length && char.IsSurrogate(value[i])
                && !(char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                && !(char.IsLowSurrogate(value[i]) && i > 0 && char.IsHighSurrogate(value[i - 1]));
            if (i < value.Length && !lone)
            {
                continue;
            }

            output.Write(Encode(value[run..i]).EncodedUtf8Bytes);
            if (lone)
            {
                output.Write(System.Text.Encoding.ASCII.GetBytes($"\\u{(int)value[i]:x4}"));
            }

            run = i + 1;
        }

        output.Write("\""u8);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Writes the hostile value's text as the member, or <paramref name="otherwise"/> for an ordinary event.</summary>
    public static void WriteHostileOr(Utf8JsonWriter writer, JsonEncodedText name, HostileValue? hostile, JsonEncodedText otherwise)
    {
        if (hostile is null)
        {
            writer.WriteString(name, otherwise);
        }
        else
        {
            WriteQuoted(writer, name, hostile.Encoded);
        }
    }

    /// <summary>Writes a member whose value is a whole JSON string from <see cref="QuotedLenient"/>.</summary>
    public static void WriteQuoted(Utf8JsonWriter writer, JsonEncodedText name, byte[] quoted)
    {
        writer.WritePropertyName(name);
        writer.WriteRawValue(quoted, skipInputValidation: true);
    }

    /// <summary>Writes one complete JSON value with validation on and returns its bytes.</summary>
    public static byte[] Fragment(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, CheckedWriterOptions))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
