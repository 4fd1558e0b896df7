using System.Buffers;
using System.Text.Json;
using AuditBridge.Events;
using AuditBridge.Events.Severity;
using AuditBridge.Simulators.Dropbox;
using AuditBridge.Sources.Dropbox;

namespace AuditBridge.Benchmarks;

/// <summary>The simulator's event mix (every category, actor and asset kind, 2 % hostile values) as raw pages and mapped events.</summary>
internal static class EventMix
{
    public static DropboxEventGenerator Generator(int count) => new(new DropboxSimulatorOptions { EventCount = count, Seed = 1 });

    /// <summary>A get_events page body holding <paramref name="count"/> events, as the simulator serves it.</summary>
    public static byte[] Page(int count)
    {
        var generator = Generator(count);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("events");
            for (var i = 0; i < count; i++)
            {
                writer.WriteRawValue(generator.GetEventJson(i).Span, skipInputValidation: true);
            }

            writer.WriteEndArray();
            writer.WriteString("cursor", "benchmark-cursor");
            writer.WriteBoolean("has_more", false);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static AuditEvent[] Mapped(int count)
    {
        var mapper = Mapper();
        using var page = JsonDocument.Parse(Page(count));
        return [.. page.RootElement.GetProperty("events").EnumerateArray().Select(e => mapper.Map(e, DropboxEventMapper.ContentId(e)))];
    }

    public static DropboxEventMapper Mapper() => new("dropbox", static (category, action) => SeverityPolicy.BuiltIn.Resolve("dropbox", category, action));
}
