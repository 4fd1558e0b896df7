using System.Buffers.Binary;
using System.Security.Cryptography;

namespace AuditBridge.Simulators.Core;

/// <summary>
/// Issues access tokens that carry their own issue and expiry time under an HMAC, so a restarted simulator with the same
/// seed and client secret still honours them until they expire, and checks the bearer tokens API requests present.
/// Expiry is judged on the simulator's clock.
/// </summary>
internal sealed class TokenIssuer
{
    private const int PayloadLength = 32;

    private readonly SealedPayload _seal;
    private readonly string _staticToken;
    private readonly ulong _instance;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;
    private long _serial;
    private long _expiredUpToSerial;
    private long _expiredIssuedUpToTicks = long.MinValue;

    /// <param name="settings">The vendor's token shape, static token and key material.</param>
    /// <param name="seed">The options' seed: with the client secret, the HMAC key.</param>
    /// <param name="lifetime">How long an issued token lives.</param>
    /// <param name="time">The simulator's clock.</param>
    public TokenIssuer(TokenSettings settings, int seed, TimeSpan lifetime, TimeProvider time)
    {
        _seal = new SealedPayload(
            string.Create(CultureInfo.InvariantCulture, $"auditbridge/{settings.Vendor}-simulator/token/{seed}/{settings.ClientSecret}"),
            PayloadLength,
            settings.Prefix);
        _staticToken = settings.StaticToken;
        _instance = BinaryPrimitives.ReadUInt64BigEndian(RandomNumberGenerator.GetBytes(8));
        _lifetime = lifetime;
        _time = time;
    }

    public long LifetimeSeconds => (long)_lifetime.TotalSeconds;

    /// <summary>A token of this instance: its id, a serial, and its issue and expiry time.</summary>
    public string Issue()
    {
        var issued = _time.GetUtcNow().UtcTicks;
        Span<byte> payload = stackalloc byte[PayloadLength];
        BinaryPrimitives.WriteUInt64BigEndian(payload, _instance);
        BinaryPrimitives.WriteInt64BigEndian(payload[8..], Interlocked.Increment(ref _serial));
        BinaryPrimitives.WriteInt64BigEndian(payload[16..], issued);
        BinaryPrimitives.WriteInt64BigEndian(payload[24..], issued + _lifetime.Ticks);
        return _seal.Seal(payload);
    }

    /// <summary>Expires every token issued until now, by this instance or (judged by issue time) an earlier one.</summary>
    public void ExpireAll()
    {
        Interlocked.Exchange(ref _expiredUpToSerial, Interlocked.Read(ref _serial));
        Interlocked.Exchange(ref _expiredIssuedUpToTicks, _time.GetUtcNow().UtcTicks);
    }

    /// <summary>The bearer token of <paramref name="authorization"/> (an <c>Authorization</c> header): the static token is valid for ever.</summary>
    public TokenStatus Authorize(string authorization)
    {
        const string Scheme = "Bearer ";
        var token = authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? authorization[Scheme.Length..].Trim() : string.Empty;
        return token.Length == 0
            ? TokenStatus.Invalid
            : string.Equals(token, _staticToken, StringComparison.Ordinal) ? TokenStatus.Valid : Validate(token);
    }

    /// <summary>An issued token's status: invalid unless this issuer (or one with the same seed and secret) made it.</summary>
    public TokenStatus Validate(string token)
    {
        Span<byte> payload = stackalloc byte[PayloadLength];
        if (!_seal.TryOpen(token, payload))
        {
            return TokenStatus.Invalid;
        }

        var instance = BinaryPrimitives.ReadUInt64BigEndian(payload);
        var serial = BinaryPrimitives.ReadInt64BigEndian(payload[8..]);
        var issued = BinaryPrimitives.ReadInt64BigEndian(payload[16..]);
        var expires = BinaryPrimitives.ReadInt64BigEndian(payload[24..]);
        var forcedExpiry = instance == _instance
            ? serial <= Interlocked.Read(ref _expiredUpToSerial)
            : issued <= Interlocked.Read(ref _expiredIssuedUpToTicks);
        return forcedExpiry || _time.GetUtcNow().UtcTicks >= expires ? TokenStatus.Expired : TokenStatus.Valid;
    }
}
