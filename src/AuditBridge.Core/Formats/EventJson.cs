using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using AuditBridge.Events;

namespace AuditBridge.Formats;

/// <summary>
/// How the text formats write parts of an event as JSON, one way for all of them: the JSON lines record and the CSV
/// <c>objects</c> cell. Output is not HTML, so only what JSON itself requires is escaped and non-ASCII text stays
/// readable; control characters are still escaped (<c>\n</c>, <c>\u0001</c>), so the JSON is always one line.
/// </summary>
internal static class EventJson
{
    /// <summary><c>id</c>.</summary>
    public static readonly JsonEncodedText IdName = JsonEncodedText.Encode("id");

    /// <summary><c>kind</c>.</summary>
    public static readonly JsonEncodedText KindName = JsonEncodedText.Encode("kind");

    /// <summary><c>name</c>.</summary>
    public static readonly JsonEncodedText NameName = JsonEncodedText.Encode("name");

    private static readonly JsonEncodedText PathName = JsonEncodedText.Encode("path");

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A writer with this escaping.</summary>
    public static Utf8JsonWriter CreateWriter(IBufferWriter<byte> output) => new(output, WriterOptions);

    /// <summary>Objects as <c>[{"kind","name","path","id"}]</c>, null members left out.</summary>
    public static void WriteObjects(Utf8JsonWriter writer, IReadOnlyList<EventObject> objects)
    {
        writer.WriteStartArray();
        foreach (var item in objects)
        {
            writer.WriteStartObject();
            writer.WriteString(KindName, item.Kind);
            WriteOptional(writer, NameName, item.Name);
            WriteOptional(writer, PathName, item.Path);
            WriteOptional(writer, IdName, item.Id);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes the property unless <paramref name="value"/> is null.</summary>
    public static void WriteOptional(Utf8JsonWriter writer, JsonEncodedText name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
