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
