using System.Buffers.Binary;
using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AuditBridge.Simulators.Box;

/// <summary>
/// Issues access tokens that carry their own issue and expiry time under an HMAC, so a restarted simulator with the same
/// seed and client secret still honours them until they expire. Expiry is judged on the simulator's clock.
/// </summary>
internal sealed class BoxTokenIssuer
{
    private const string Prefix = "box.sim.";
    private const int PayloadLength = 32;
    private const int MacLength = 16;
    private const int TotalLength = PayloadLength + MacLength;

    private readonly byte[] _key;
    private readonly ulong _instance;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;
    private long _serial;
    private long _expiredUpToSerial;
    private long _expiredIssuedUpToTicks = long.MinValue;

    public BoxTokenIssuer(int seed, string clientSecret, TimeSpan lifetime, TimeProvider time)
    {
        _key = SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"auditbridge/box-simulator/token/{seed}/{clientSecret}")));
        _instance = BinaryPrimitives.ReadUInt64BigEndian(RandomNumberGenerator.GetBytes(8));
        _lifetime = lifetime;
        _time = time;
    }

    public long LifetimeSeconds => (long)_lifetime.TotalSeconds;

    public string Issue()
    {
        var issued = _time.GetUtcNow().UtcTicks;
        Span<byte> bytes = stackalloc byte[TotalLength];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, _instance);
        BinaryPrimitives.WriteInt64BigEndian(bytes[8..], Interlocked.Increment(ref _serial));
        BinaryPrimitives.WriteInt64BigEndian(bytes[16..], issued);
        BinaryPrimitives.WriteInt64BigEndian(bytes[24..], issued + _lifetime.Ticks);
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key, bytes[..PayloadLength], mac);
        mac[..MacLength].CopyTo(bytes[PayloadLength..]);
        return Prefix + Base64Url.EncodeToString(bytes);
    }

    /// <summary>Expires every token issued until now, by this instance or (judged by issue time) an earlier one.</summary>
    public void ExpireAll()
    {
        Interlocked.Exchange(ref _expiredUpToSerial, Interlocked.Read(ref _serial));
        Interlocked.Exchange(ref _expiredIssuedUpToTicks, _time.GetUtcNow().UtcTicks);
    }

    public BoxTokenStatus Validate(string token)
    {
        if (!token.StartsWith(Prefix, StringComparison.Ordinal) || token.Length != Prefix.Length + Base64Url.GetEncodedLength(TotalLength))
        {
            return BoxTokenStatus.Invalid;
        }

        Span<byte> bytes = stackalloc byte[TotalLength];
        if (!Base64Url.TryDecodeFromChars(token.AsSpan(Prefix.Length), bytes, out var written) || written != TotalLength)
        {
            return BoxTokenStatus.Invalid;
        }

        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key, bytes[..PayloadLength], mac);
        if (!CryptographicOperations.FixedTimeEquals(mac[..MacLength], bytes[PayloadLength..]))
        {
            return BoxTokenStatus.Invalid;
        }

        var instance = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        var serial = BinaryPrimitives.ReadInt64BigEndian(bytes[8..]);
        var issued = BinaryPrimitives.ReadInt64BigEndian(bytes[16..]);
        var expires = BinaryPrimitives.ReadInt64BigEndian(bytes[24..]);
        var forcedExpiry = instance == _instance
            ? serial <= Interlocked.Read(ref _expiredUpToSerial)
            : issued <= Interlocked.Read(ref _expiredIssuedUpToTicks);
        return forcedExpiry || _time.GetUtcNow().UtcTicks >= expires ? BoxTokenStatus.Expired : BoxTokenStatus.Valid;
    }
}
