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
    private static CanonicalBuffer? _threadBuffer;

    // Writes the strings that are not plain ASCII, one at a time, so their escaping is exactly the writer's.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _threadStringBuffer;

    [ThreadStatic]
    private static Utf8JsonWriter? _threadStringWriter;

    // One member array per nesting depth, reused: objects are written depth-first, so a depth's array is free again
    // once its object is written. (Renting from ArrayPool per object showed up at 4 % of a pull's CPU.)
    [ThreadStatic]
    private static List<Member[]>? _threadMembers;

    [ThreadStatic]
    private static int _threadDepth;

    /// <summary>Lower-case hex SHA-256 of the canonical form of <paramref name="element"/>.</summary>
    public static string Sha256Hex(JsonElement element)
    {
        var buffer = _threadBuffer ??= new CanonicalBuffer();
        buffer.Clear();
        Write(element, buffer, JsonMarshal.GetRawUtf8Value(element));

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(buffer.Written, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>Writes the canonical form of <paramref name="element"/>.</summary>
    /// <remarks>
    /// The bytes are those <see cref="Utf8JsonWriter"/> writes (minimized, <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>)
    /// for the sorted document, which defined the form: structure, plain ASCII text and numbers are copied from the
    /// document as they stand, and only the other strings go through a writer. A content id must never change, so a
    /// test holds this against the writer over hostile events.
    /// </remarks>
    public static void Write(JsonElement element, IBufferWriter<byte> output)
    {
        var buffer = new CanonicalBuffer();
        Write(element, buffer, JsonMarshal.GetRawUtf8Value(element));
        output.Write(buffer.Written);
    }

    private static void Write(JsonElement element, CanonicalBuffer output, ReadOnlySpan<byte> document)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(element, output, document);
                break;
            case JsonValueKind.Array:
                output.Add("["u8);
                var first = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!first)
                    {
                        output.Add(","u8);
                    }

                    first = false;
                    Write(item, output, document);
                }

                output.Add("]"u8);
                break;
            case JsonValueKind.String:
                var raw = JsonMarshal.GetRawUtf8Value(element);
                if (IsPlain(raw[1..^1]))
                {
                    output.Add(raw);
                }
                else
                {
                    WriteString(raw[1..^1], element, output);
                }

                break;
            default:
                // Numbers as written; true, false, null.
                output.Add(JsonMarshal.GetRawUtf8Value(element));
                break;
        }
    }

    private static void WriteObject(JsonElement element, CanonicalBuffer output, ReadOnlySpan<byte> document)
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

            output.Add("{"u8);
            for (var i = 0; i < count; i++)
            {
                if (i > 0)
                {
                    output.Add(","u8);
                }

                var name = members[i].NameIn(document);
                if (IsPlain(name))
                {
                    output.Add("\""u8);
                    output.Add(name);
                    output.Add("\":"u8);
                }
                else
                {
                    // The writer escapes a property name exactly as it escapes a string value.
                    StringWriter(out var buffer).WriteStringValue(name);
                    Flush(buffer, output);
                    output.Add(":"u8);
                }

                Write(members[i].Property.Value, output, document);
            }

            output.Add("}"u8);
        }
        finally
        {
            // Drop references to the document so a reused array does not keep it alive.
            Array.Clear(members, 0, count);
            _threadDepth--;
        }
    }

    /// <summary>
    /// Text the writer copies unchanged: printable ASCII without a quote or a backslash (in raw JSON a backslash starts
    /// an escape, so its absence also means the raw text is the text).
    /// </summary>
    private static bool IsPlain(ReadOnlySpan<byte> utf8) => !utf8.ContainsAnyExcept(PlainBytes);

    private static readonly SearchValues<byte> PlainBytes = SearchValues.Create(
        " !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~"u8);

    /// <summary>Writes a string value that is not plain ASCII the way the writer escapes it.</summary>
    private static void WriteString(ReadOnlySpan<byte> rawContent, JsonElement element, CanonicalBuffer output)
    {
        var writer = StringWriter(out var buffer);
        if (rawContent.IndexOf((byte)'\\') < 0)
        {
            // Without an escape the raw content is the text.
            writer.WriteStringValue(rawContent);
        }
        else if (JsonRead.TryText(element, out var text))
        {
            writer.WriteStringValue(text);
        }
        else
        {
            // An escaped lone surrogate (\ud800) has no text: the escapes as the vendor wrote them stand for it.
            output.Add("\""u8);
            output.Add(rawContent);
            output.Add("\""u8);
            return;
        }

        Flush(buffer, output);
    }

    /// <summary>The name of a member, or null when its escapes hold a lone surrogate (no text exists).</summary>
    private static string? Decoded(JsonProperty property) => JsonRead.TryName(property, out var name) ? name : null;

    private static Utf8JsonWriter StringWriter(out ArrayBufferWriter<byte> buffer)
    {
        buffer = _threadStringBuffer ??= new ArrayBufferWriter<byte>(256);
        buffer.ResetWrittenCount();
        var writer = _threadStringWriter ??= new Utf8JsonWriter(buffer, WriterOptions);
        writer.Reset(buffer);
        return writer;
    }

    private static void Flush(ArrayBufferWriter<byte> buffer, CanonicalBuffer output)
    {
        _threadStringWriter!.Flush();
        output.Add(buffer.WrittenSpan);
    }

    private static int Compare(in Member a, in Member b, ReadOnlySpan<byte> document) => a.NameIn(document).SequenceCompareTo(b.NameIn(document));

    /// <summary>
    /// The bytes being hashed. A plain growable array: the form is written in many small pieces (a brace, a comma, a
    /// name), and an <see cref="IBufferWriter{T}"/> costs an interface call and a span per piece.
    /// </summary>
    private sealed class CanonicalBuffer
    {
        private byte[] _bytes = new byte[4096];
        private int _length;

        public ReadOnlySpan<byte> Written => _bytes.AsSpan(0, _length);

        public void Clear() => _length = 0;

        public void Add(ReadOnlySpan<byte> bytes)
        {
            if (bytes.Length > _bytes.Length - _length)
            {
                Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _length + bytes.Length));
            }

            bytes.CopyTo(_bytes.AsSpan(_length));
            _length += bytes.Length;
        }
    }

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
                // A name with an escaped lone surrogate has no text; its escapes as written stand for it.
                return new Member(property, 0, 0, CanonicalJson.Decoded(property) is { } name ? Encoding.UTF8.GetBytes(name) : raw.ToArray());
            }

            return new Member(property, offset, raw.Length, null);
        }

        public ReadOnlySpan<byte> NameIn(ReadOnlySpan<byte> document) => Decoded ?? document.Slice(Offset, Length);
    }
}
