using System.Buffers.Binary;
using System.Text;

namespace AuditBridge.Journal;

/// <summary>Reads the parts of the <see cref="AuditEventCodec"/> layout; every read checks the bounds and throws <see cref="FormatException"/>.</summary>
internal ref struct EventCodecReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _data;
    private readonly ReadOnlyMemory<byte> _raw;
    private int _position;

    public EventCodecReader(ReadOnlySpan<byte> data, ReadOnlyMemory<byte> raw)
    {
        _data = data;
        _raw = raw;
    }

    public byte ReadByte()
    {
        if (_position >= _data.Length)
        {
            throw Truncated();
        }

        return _data[_position++];
    }

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = ReadByte();
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new FormatException("A stored event holds a number longer than 64 bits; the bytes are damaged.");
    }

    public int ReadInt32()
    {
        var value = ReadVarint();
        return value <= uint.MaxValue ? unchecked((int)(uint)value) : throw new FormatException("A stored event holds an enum value out of range; the bytes are damaged.");
    }

    public int ReadSigned()
    {
        var value = ReadVarint();
        var signed = (long)(value >> 1) ^ -(long)(value & 1);
        return signed is >= int.MinValue and <= int.MaxValue ? (int)signed : throw new FormatException("A stored event holds a number out of range; the bytes are damaged.");
    }

    public int ReadCount()
    {
        var count = ReadVarint();

        // Every counted item takes at least one byte, so a larger count can only come from damaged bytes.
        return count <= (ulong)(_data.Length - _position) ? (int)count : throw new FormatException("A stored event holds a count larger than its bytes; the bytes are damaged.");
    }

    public DateTimeOffset ReadTime()
    {
        var ticks = BinaryPrimitives.ReadInt64LittleEndian(Take(8));
        var offset = TimeSpan.FromMinutes(ReadSigned());
        return new DateTimeOffset(ticks + offset.Ticks, offset);
    }

    public string? ReadString()
    {
        var tag = ReadVarint();
        if (tag == 0)
        {
            return null;
        }

        var length = Length(tag >> 2);
        switch (tag & 3)
        {
            case 1:
                return Utf8(Take(length));
            case 2:
                return Utf8(Slice(length).Span);
            case 3:
                var units = Take(checked(length * 2));
                return string.Create(length, units, static (chars, bytes) =>
                {
                    for (var i = 0; i < chars.Length; i++)
                    {
                        chars[i] = (char)BinaryPrimitives.ReadUInt16LittleEndian(bytes[(i * 2)..]);
                    }
                });
            default:
                throw new FormatException("A stored event holds a string of an unknown kind; the bytes are damaged.");
        }
    }

    public ReadOnlyMemory<byte> ReadJson()
    {
        var tag = ReadVarint();
        var length = Length(tag >> 1);
        return (tag & 1) == 1 ? Slice(length) : Take(length).ToArray();
    }

    public readonly void EnsureEnd()
    {
        if (_position != _data.Length)
        {
            throw new FormatException($"A stored event has {_data.Length - _position} bytes after its last field; the bytes are damaged.");
        }
    }

    private static string Utf8(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new FormatException("A stored event holds text that is not UTF-8; the bytes are damaged.", e);
        }
    }

    private static int Length(ulong value) =>
        value <= int.MaxValue ? (int)value : throw new FormatException("A stored event holds a length out of range; the bytes are damaged.");

    private static FormatException Truncated() => new("A stored event ends in the middle of a field; the bytes are cut short or damaged.");

    private ReadOnlySpan<byte> Take(int length)
    {
        if (length > _data.Length - _position)
        {
            throw Truncated();
        }

        var span = _data.Slice(_position, length);
        _position += length;
        return span;
    }

    private ReadOnlyMemory<byte> Slice(int length)
    {
        var offset = ReadVarint();
        if (offset > (ulong)_raw.Length || (ulong)length > (ulong)_raw.Length - offset)
        {
            throw new FormatException($"A stored event points at bytes {offset}..{offset + (ulong)length} of a raw event of {_raw.Length} bytes; the raw event or the event is damaged.");
        }

        return _raw.Slice((int)offset, length);
    }
}
