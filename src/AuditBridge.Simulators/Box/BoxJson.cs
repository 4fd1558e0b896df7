using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AuditBridge.Simulators.Box;

/// <summary>Writer settings and helpers shared by everything the Box simulator serialises.</summary>
internal static class BoxJson
{
    /// <summary>
    /// Non-ASCII and characters such as <c>|</c> or <c>&lt;</c> stay raw, as Box sends them, so hostile values reach clients
    /// unescaped; quotes, backslashes and control characters are still escaped, so the output is always valid JSON.
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
