using System.Buffers;
using System.Text.Encodings.Web;

namespace AuditBridge.Simulators.Core;

/// <summary>Writer settings and helpers for everything a simulator serialises: events, pages, error and control bodies.</summary>
internal static class SimulatorJson
{
    /// <summary>
    /// The relaxed encoder leaves non-ASCII text and characters such as <c>&lt;</c> or <c>|</c> unescaped, as the vendors'
    /// APIs send them, so hostile values reach clients raw; JSON-breaking characters (quotes, backslashes, control
    /// characters) are still escaped, so the output is always valid JSON. Validation is off: events are written from
    /// pre-encoded fragments, and checking every token would cost the benchmarks that the simulators feed.
    /// </summary>
    public static readonly JsonWriterOptions EventWriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    /// <summary>The same escaping with validation on, for the small bodies written with <see cref="Fragment"/>.</summary>
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

    /// <summary>
    /// Writes <paramref name="json"/>, one complete JSON value serialised earlier (a dataset pool's fragment, a hostile
    /// value from <see cref="QuotedLenient"/>), as it is: generating an event mostly copies such bytes.
    /// </summary>
    public static void WriteFragment(this Utf8JsonWriter writer, ReadOnlySpan<byte> json) => writer.WriteRawValue(json, skipInputValidation: true);

    /// <summary>Writes the member <paramref name="name"/> whose value is <paramref name="json"/>, as <see cref="WriteFragment(Utf8JsonWriter, ReadOnlySpan{byte})"/> does.</summary>
    public static void WriteFragment(this Utf8JsonWriter writer, JsonEncodedText name, ReadOnlySpan<byte> json)
    {
        writer.WritePropertyName(name);
        writer.WriteRawValue(json, skipInputValidation: true);
    }

    /// <summary>Writes the member <paramref name="name"/> whose value is <paramref name="json"/>, as <see cref="WriteFragment(Utf8JsonWriter, ReadOnlySpan{byte})"/> does.</summary>
    public static void WriteFragment(this Utf8JsonWriter writer, string name, ReadOnlySpan<byte> json)
    {
        writer.WritePropertyName(name);
        writer.WriteRawValue(json, skipInputValidation: true);
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
