using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using AuditBridge.Sources;
using AuditBridge.Sources.Json;

namespace AuditBridge.Cli.Quarantine;

/// <summary>
/// A quarantined event as one JSON line, the same for <c>quarantine list</c> (from the journal) and
/// <c>pull --quarantine FILE</c>: id (journal only), source, vendor, received, position, error, and <c>raw</c>, the
/// vendor's JSON as received without the whitespace between its tokens, so a pretty-printed page entry stays one line.
/// </summary>
internal static class QuarantineLine
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Write(long? id, string source, DateTimeOffset received, QuarantinedEvent quarantined)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            if (id is { } number)
            {
                writer.WriteNumber("id", number);
            }

            writer.WriteString("source", source);
            writer.WriteString("vendor", quarantined.Vendor);
            writer.WriteString("received", received.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            writer.WriteString("position", quarantined.Position);
            writer.WriteString("error", quarantined.Error);
            writer.WritePropertyName("raw");

            // The bytes were parsed as JSON when the event was read.
            writer.WriteRawValue(CompactJson.WithoutWhitespace(quarantined.Raw.Span), skipInputValidation: true);
            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }
}
