using System.Buffers;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AuditBridge.Sources.Json;

/// <summary>
/// Content ids for vendors whose events have no id (Dropbox): SHA-256 over the event's canonical JSON — object members
/// sorted by the UTF-8 bytes of their unescaped names, no whitespace, strings re-encoded one fixed way, numbers as
/// written — so the same event gets the same id however a response happened to order, indent or escape it.
/// </summary>
/// <remarks>
/// This runs for every event, so it works on the raw UTF-8 of the document: names and strings without escapes are
/// used as they are (they are already their own unescaped form), and only escaped ones are decoded. Buffers are reused
/// per thread.
/// </remarks>
internal static class CanonicalJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = true,
    };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _threadBuffer;

    [ThreadStatic]
    private static Utf8JsonWriter? _threadWriter;

    // One member array per nesting depth, reused: objects are written depth-first, so a depth's array is free again
    // once its object is written. (Renting from ArrayPool per object showed up at 4 % of a pull's CPU.)
    [ThreadStatic]
    private static List<Member[]>? _threadMembers;

    [ThreadStatic]
    private static int _threadDepth;

    /// <summary>Lower-case hex SHA-256 of the canonical form of <paramref name="element"/>.</summary>
    public static string Sha256Hex(JsonElement element)
    {
        var buffer = _threadBuffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        var writer = _threadWriter ??= new Utf8JsonWriter(buffer, WriterOptions);
        writer.Reset(buffer);
        Write(element, writer);
        writer.Flush();

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(buffer.WrittenSpan, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>Writes the canonical form of <paramref name="element"/>.</summary>
    public static void Write(JsonElement element, Utf8JsonWriter writer) => Write(element, writer, JsonMarshal.GetRawUtf8Value(element));

    private static void Write(JsonElement element, Utf8JsonWriter writer, ReadOnlySpan<byte> document)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(element, writer, document);
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(item, writer, document);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                var inner = JsonMarshal.GetRawUtf8Value(element)[1..^1];
                if (inner.IndexOf((byte)'\\') < 0)
                {
                    writer.WriteStringValue(inner);
                }
                else
                {
                    writer.WriteStringValue(element.GetString());
                }

                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    private static void WriteObject(JsonElement element, Utf8JsonWriter writer, ReadOnlySpan<byte> document)
    {
        var levels = _threadMembers ??= [];
        var depth = _threadDepth++;
        if (depth == levels.Count)
        {
            levels.Add(new Member[16]);
        }

        var members = levels[depth];
        var count = 0;
        try
        {
            foreach (var property in element.EnumerateObject())
            {
                if (count == members.Length)
                {
                    Array.Resize(ref members, count * 2);
                    levels[depth] = members;
                }

                // Insertion sort: objects are small, and vendor JSON is usually in a stable order already.
                var member = Member.Of(property, document);
                var at = count;
                while (at > 0 && Compare(members[at - 1], member, document) > 0)
                {
                    members[at] = members[at - 1];
                    at--;
                }

                members[at] = member;
                count++;
            }

            writer.WriteStartObject();
            for (var i = 0; i < count; i++)
            {
                writer.WritePropertyName(members[i].NameIn(document));
                Write(members[i].Property.Value, writer, document);
            }

            writer.WriteEndObject();
        }
        finally
        {
            // Drop references to the document so a reused array does not keep it alive.
            Array.Clear(members, 0, count);
            _threadDepth--;
        }
    }

    private static int Compare(in Member a, in Member b, ReadOnlySpan<byte> document) => a.NameIn(document).SequenceCompareTo(b.NameIn(document));

    /// <summary>
    /// A member and where its unescaped UTF-8 name is: a range of the raw document when the name has no escape (the
    /// common case, no allocation), else its decoded bytes.
    /// </summary>
    private readonly record struct Member(JsonProperty Property, int Offset, int Length, byte[]? Decoded)
    {
        public static Member Of(JsonProperty property, ReadOnlySpan<byte> document)
        {
            var raw = JsonMarshal.GetRawUtf8PropertyName(property);
            if (raw.IndexOf((byte)'\\') >= 0 || !document.Overlaps(raw, out var offset))
            {
                return new Member(property, 0, 0, Encoding.UTF8.GetBytes(property.Name));
            }

            return new Member(property, offset, raw.Length, null);
        }

        public ReadOnlySpan<byte> NameIn(ReadOnlySpan<byte> document) => Decoded ?? document.Slice(Offset, Length);
    }
}
