using System.Buffers;
using System.Buffers.Binary;
using System.Text.Unicode;

namespace AuditBridge.Journal;

/// <summary>Writes the parts of the <see cref="AuditEventCodec"/> layout; strings and JSON found in the raw event become slices of it.</summary>
internal ref struct EventCodecWriter
{
    // Below this a slice (tag + offset) saves nothing over the bytes themselves, and the search costs time.
    private const int MinSliceLength = 4;

    // A varint of a string's tag (length << 2) needs at most this many bytes for lengths below 2^33.
    private const int MaxTagLength = 5;

    private readonly IBufferWriter<byte> _output;
    private readonly ReadOnlySpan<byte> _raw;

    public EventCodecWriter(IBufferWriter<byte> output, ReadOnlySpan<byte> raw)
    {
        _output = output;
        _raw = raw;
    }

    public readonly void WriteByte(byte value)
    {
        _output.GetSpan(1)[0] = value;
        _output.Advance(1);
    }

    public readonly void WriteVarint(ulong value)
    {
        var span = _output.GetSpan(10);
        _output.Advance(PutVarint(span, value));
    }

    public readonly void WriteSigned(long value) => WriteVarint((ulong)((value << 1) ^ (value >> 63)));

    public readonly void WriteTime(DateTimeOffset time)
    {
        var span = _output.GetSpan(8);
        BinaryPrimitives.WriteInt64LittleEndian(span, time.UtcTicks);
        _output.Advance(8);
        WriteSigned((long)time.Offset.TotalMinutes);
    }

    public readonly void WriteString(string? value)
    {
        if (value is null)
        {
            WriteVarint(0);
            return;
        }

        // Transcode behind room for the tag, then move the bytes up to the tag's real length.
        var span = _output.GetSpan(MaxTagLength + 10 + (value.Length * 3));
        var body = span[MaxTagLength..];
        if (Utf8.FromUtf16(value, body, out _, out var length, replaceInvalidSequences: false) != OperationStatus.Done)
        {
            WriteUtf16(value);
            return;
        }

        var utf8 = body[..length];
        var offset = length >= MinSliceLength ? _raw.IndexOf(utf8) : -1;
        if (offset >= 0)
        {
            var written = PutVarint(span, ((ulong)length << 2) | 2);
            written += PutVarint(span[written..], (ulong)offset);
            _output.Advance(written);
            return;
        }

        var tag = PutVarint(span, ((ulong)length << 2) | 1);
        utf8.CopyTo(span[tag..]);
        _output.Advance(tag + length);
    }

    public readonly void WriteJson(ReadOnlySpan<byte> json)
    {
        var offset = -1;
        if (json.Length >= MinSliceLength)
        {
            // The mapper's sections usually are slices of Raw already: then the offset is known without a search.
            offset = _raw.Overlaps(json, out var elementOffset) && elementOffset >= 0 && elementOffset + json.Length <= _raw.Length
                ? elementOffset
                : _raw.IndexOf(json);
        }

        if (offset >= 0)
        {
            WriteVarint(((ulong)json.Length << 1) | 1);
            WriteVarint((ulong)offset);
            return;
        }

        WriteVarint((ulong)json.Length << 1);
        var span = _output.GetSpan(json.Length);
        json.CopyTo(span);
        _output.Advance(json.Length);
    }

    private readonly void WriteUtf16(string value)
    {
        WriteVarint(((ulong)value.Length << 2) | 3);
        var span = _output.GetSpan(value.Length * 2);
        for (var i = 0; i < value.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(span[(i * 2)..], value[i]);
        }

        _output.Advance(value.Length * 2);
    }

    private static int PutVarint(Span<byte> span, ulong value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i++] = (byte)value;
        return i;
    }
}
