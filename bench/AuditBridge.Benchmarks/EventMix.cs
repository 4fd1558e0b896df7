using System.Buffers;
using System.Text.Json;
using AuditBridge.Events;
using AuditBridge.Events.Severity;
using AuditBridge.Simulators.Box;
using AuditBridge.Simulators.Dashlane;
using AuditBridge.Simulators.Dropbox;
using AuditBridge.Sources.Box;
using AuditBridge.Sources.Dashlane;
using AuditBridge.Sources.Dropbox;

namespace AuditBridge.Benchmarks;

/// <summary>
/// The simulators' event mixes as raw vendor data and mapped events, 2 % hostile values each: Dropbox (every category,
/// actor and asset kind), Box (every event type of the simulator, every source shape, anonymous and service-account
/// actors), Dashlane (30 log types over 15 categories, properties as JSON strings every 17th log).
/// </summary>
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

    /// <summary>The vendors with a mix: <c>dropbox</c>, <c>box</c>, <c>dashlane</c>.</summary>
    public static IReadOnlyList<string> Vendors { get; } = ["dropbox", "box", "dashlane"];

    /// <summary><paramref name="count"/> events of <paramref name="vendor"/>'s mix, mapped by the vendor's real path.</summary>
    public static AuditEvent[] Mapped(string vendor, int count) => vendor switch
    {
        "dropbox" => Mapped(count),
        "box" => BoxMapped(count),
        "dashlane" => [.. DashlaneLines(count).Select(line =>
        {
            using var parsed = DashlaneLogLine.Parse(line);
            return DashlaneMapper().Map(parsed);
        })],
        _ => throw new ArgumentOutOfRangeException(nameof(vendor), vendor, "dropbox, box or dashlane"),
    };

    /// <summary>An admin_logs page body (<c>entries</c>, <c>next_stream_position</c>) holding <paramref name="count"/> Box events.</summary>
    public static byte[] BoxPage(int count)
    {
        var generator = new BoxEventGenerator(new BoxSimulatorOptions { EventCount = count, Seed = 1, HostileEvery = 50 });
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("chunk_size", count);
            writer.WritePropertyName("next_stream_position");
            writer.WriteRawValue("1152922976252290886", skipInputValidation: true);
            writer.WriteStartArray("entries");
            for (var i = 0; i < count; i++)
            {
                writer.WriteRawValue(generator.GetEventJson(i).Span, skipInputValidation: true);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static AuditEvent[] BoxMapped(int count)
    {
        var mapper = BoxMapper();
        using var page = JsonDocument.Parse(BoxPage(count));
        return [.. page.RootElement.GetProperty("entries").EnumerateArray().Select(mapper.Map)];
    }

    public static BoxEventMapper BoxMapper() => new("box", static (category, action) => SeverityPolicy.BuiltIn.Resolve("box", category, action));

    /// <summary><paramref name="count"/> lines as <c>dcli team logs</c> prints them, each without its line break.</summary>
    public static byte[][] DashlaneLines(int count) =>
        [.. DashlaneLogGenerator.Generate(new DashlaneLogGeneratorOptions { Count = count, Seed = 1, HostileEvery = 50 }).Select(l => System.Text.Encoding.UTF8.GetBytes(l.Line))];

    public static DashlaneEventMapper DashlaneMapper() =>
        new("dashlane", static (category, action) => SeverityPolicy.BuiltIn.Resolve("dashlane", category, action), DashlaneLogTypes.BuiltIn);

    public static DropboxEventMapper Mapper() => new("dropbox", static (category, action) => SeverityPolicy.BuiltIn.Resolve("dropbox", category, action));
}
