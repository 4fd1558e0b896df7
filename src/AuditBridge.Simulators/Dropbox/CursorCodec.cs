using System.Buffers.Binary;

namespace AuditBridge.Simulators.Dropbox;

/// <summary>
/// Serialises <see cref="CursorState"/> into an opaque base64url string authenticated with HMAC-SHA256 keyed from the seed:
/// a fresh simulator with the same seed accepts it, and any altered byte makes it a <c>bad_cursor</c>.
/// </summary>
internal sealed class CursorCodec
{
    private const byte Version = 1;
    private const int PayloadLength = 52;

    private readonly SealedPayload _seal;
    private readonly int _categoryCount;
    private readonly int _typeCount;

    public CursorCodec(int seed, int categoryCount, int typeCount)
    {
        _seal = new SealedPayload(string.Create(CultureInfo.InvariantCulture, $"auditbridge/dropbox-simulator/cursor/{seed}"), PayloadLength);
        _categoryCount = categoryCount;
        _typeCount = typeCount;
    }

    public string Encode(in CursorState state)
    {
        Span<byte> bytes = stackalloc byte[PayloadLength];
        bytes[0] = Version;
        BinaryPrimitives.WriteUInt64BigEndian(bytes[1..], state.Lineage);
        BinaryPrimitives.WriteInt32BigEndian(bytes[9..], state.PagesServed);
        BinaryPrimitives.WriteInt64BigEndian(bytes[13..], state.Position);
        BinaryPrimitives.WriteInt64BigEndian(bytes[21..], state.LastReturned);
        BinaryPrimitives.WriteUInt16BigEndian(bytes[29..], (ushort)state.Limit);
        bytes[31] = (byte)state.Filter.Kind;
        BinaryPrimitives.WriteUInt16BigEndian(bytes[32..], (ushort)state.Filter.Value);
        BinaryPrimitives.WriteInt16BigEndian(bytes[34..], (short)state.Filter.Account);
        BinaryPrimitives.WriteInt64BigEndian(bytes[36..], state.Filter.StartIndex);
        BinaryPrimitives.WriteInt64BigEndian(bytes[44..], state.Filter.EndIndex);
        return _seal.Seal(bytes);
    }

    public bool TryDecode(string? cursor, out CursorState state)
    {
        state = default;
        Span<byte> bytes = stackalloc byte[PayloadLength];
        if (!_seal.TryOpen(cursor, bytes) || bytes[0] != Version)
        {
            return false;
        }

        var filter = new EventFilter(
            (FilterKind)bytes[31],
            BinaryPrimitives.ReadUInt16BigEndian(bytes[32..]),
            BinaryPrimitives.ReadInt16BigEndian(bytes[34..]),
            BinaryPrimitives.ReadInt64BigEndian(bytes[36..]),
            BinaryPrimitives.ReadInt64BigEndian(bytes[44..]));
        state = new CursorState(
            BinaryPrimitives.ReadUInt64BigEndian(bytes[1..]),
            BinaryPrimitives.ReadInt32BigEndian(bytes[9..]),
            BinaryPrimitives.ReadInt64BigEndian(bytes[13..]),
            BinaryPrimitives.ReadInt64BigEndian(bytes[21..]),
            BinaryPrimitives.ReadUInt16BigEndian(bytes[29..]),
            filter);

        // The MAC proves we wrote it, but a cursor from a differently built simulator with the same seed must not crash us.
        return state.PagesServed >= 0
            && state.Position >= 0
            && state.LastReturned >= -1
            && state.Limit is >= 1 and <= 1000
            && filter.StartIndex >= 0
            && filter.EndIndex >= filter.StartIndex
            && filter.Account >= EventFilter.NoAccount && filter.Account < DatasetPools.AccountCount
            && filter.Kind switch
            {
                FilterKind.None => filter.Value == 0,
                FilterKind.Category => filter.Value < _categoryCount,
                FilterKind.EventType => filter.Value < _typeCount,
                _ => false,
            };
    }
}
