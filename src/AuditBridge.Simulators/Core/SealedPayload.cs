using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace AuditBridge.Simulators.Core;

/// <summary>
/// A fixed-length payload sealed into an opaque string: base64url of the payload and the first 16 bytes of its
/// HMAC-SHA256 under a key derived from the seed (and a secret), after an optional prefix. What the simulators hand out
/// as access tokens and cursors, so a restarted simulator with the same options accepts them, and an altered byte, a
/// different seed or secret, or a string it never wrote is refused.
/// </summary>
internal sealed class SealedPayload
{
    private const int MacLength = 16;

    private readonly byte[] _key;
    private readonly int _payloadLength;
    private readonly string _prefix;

    /// <param name="keyMaterial">What the HMAC key is derived from (SHA-256 of its UTF-8): the purpose, the seed, any secret.</param>
    /// <param name="payloadLength">The payload's length in bytes.</param>
    /// <param name="prefix">What sealed strings start with (Dropbox's short-lived tokens start <c>sl.</c>).</param>
    public SealedPayload(string keyMaterial, int payloadLength, string prefix = "")
    {
        _key = SHA256.HashData(Encoding.UTF8.GetBytes(keyMaterial));
        _payloadLength = payloadLength;
        _prefix = prefix;
    }

    /// <summary>The sealed string of <paramref name="payload"/> (exactly the payload length).</summary>
    public string Seal(ReadOnlySpan<byte> payload)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(payload.Length, _payloadLength, nameof(payload));
        Span<byte> bytes = stackalloc byte[_payloadLength + MacLength];
        payload.CopyTo(bytes);
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key, payload, mac);
        mac[..MacLength].CopyTo(bytes[_payloadLength..]);
        return _prefix + Base64Url.EncodeToString(bytes);
    }

    /// <summary>Writes the payload of <paramref name="sealedText"/> into <paramref name="payload"/>; false unless this key sealed it.</summary>
    public bool TryOpen(string? sealedText, Span<byte> payload)
    {
        var total = _payloadLength + MacLength;
        if (sealedText is null
            || !sealedText.StartsWith(_prefix, StringComparison.Ordinal)
            || sealedText.Length != _prefix.Length + Base64Url.GetEncodedLength(total))
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[total];
        if (!Base64Url.TryDecodeFromChars(sealedText.AsSpan(_prefix.Length), bytes, out var written) || written != total)
        {
            return false;
        }

        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key, bytes[.._payloadLength], mac);
        if (!CryptographicOperations.FixedTimeEquals(mac[..MacLength], bytes[_payloadLength..]))
        {
            return false;
        }

        bytes[.._payloadLength].CopyTo(payload);
        return true;
    }
}
