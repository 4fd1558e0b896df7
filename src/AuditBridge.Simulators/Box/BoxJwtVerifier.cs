using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace AuditBridge.Simulators.Box;

/// <summary>
/// Checks a JWT bearer assertion as Box does (saas-apis.md B.5): an RS256/RS384/RS512 signature by the configured public
/// key, header <c>kid</c>, and the claims <c>iss</c> (client id), <c>sub</c> (enterprise id), <c>box_sub_type</c>
/// (<c>enterprise</c>), <c>aud</c> (the token URL), <c>jti</c> (16–128 characters, never reused) and <c>exp</c> (in the
/// future, at most 60 s ahead; both with the configured clock skew).
/// </summary>
internal sealed class BoxJwtVerifier : IDisposable
{
    private static readonly TimeSpan MaxLifetime = TimeSpan.FromSeconds(60);

    private readonly BoxSimulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly RSA? _key;
    private readonly ConcurrentDictionary<string, long> _usedIds = new(StringComparer.Ordinal);

    public BoxJwtVerifier(BoxSimulatorOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
        if (options.JwtPublicKey is { } pem)
        {
            _key = RSA.Create();
            _key.ImportFromPem(pem);
        }
    }

    public bool IsEnabled => _key is not null;

    /// <summary>Returns null when <paramref name="assertion"/> is valid, else Box's <c>error_description</c>.</summary>
    public string? Verify(string assertion, string audience)
    {
        if (_key is null)
        {
            return "This app is not configured for JWT authentication";
        }

        var parts = assertion.Split('.');
        if (parts.Length != 3)
        {
            return "Invalid JWT: expected header.claims.signature";
        }

        JsonElement header;
        JsonElement claims;
        byte[] signature;
        try
        {
            header = Decode(parts[0]);
            claims = Decode(parts[1]);
            signature = Base64Url.DecodeFromChars(parts[2]);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return "Invalid JWT: a part is not base64url JSON";
        }

        var hash = String(header, "alg") switch
        {
            "RS256" => HashAlgorithmName.SHA256,
            "RS384" => HashAlgorithmName.SHA384,
            "RS512" => HashAlgorithmName.SHA512,
            _ => (HashAlgorithmName?)null,
        };
        if (hash is null)
        {
            return "Please check the 'alg' header: RS256, RS384 or RS512 is required";
        }

        if (!string.Equals(String(header, "kid"), _options.JwtPublicKeyId, StringComparison.Ordinal))
        {
            return "Please check the 'kid' header: no public key with that id is added to the app";
        }

        if (!_key.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), signature, hash.Value, RSASignaturePadding.Pkcs1))
        {
            return "Signature verification error. The public key identified by \"kid\" must correspond to the private key used for signing.";
        }

        if (!string.Equals(String(claims, "iss"), _options.ClientId, StringComparison.Ordinal))
        {
            return "Please check the 'iss' claim.";
        }

        if (!string.Equals(String(claims, "box_sub_type"), "enterprise", StringComparison.Ordinal))
        {
            return "Please check the 'box_sub_type' claim: the simulator only grants tokens for the enterprise.";
        }

        if (!string.Equals(String(claims, "sub"), _options.EnterpriseId, StringComparison.Ordinal))
        {
            return "Please check the 'sub' claim.";
        }

        if (!string.Equals(String(claims, "aud"), audience, StringComparison.Ordinal))
        {
            return "Please check the 'aud' claim. It must be the token URL.";
        }

        var now = _time.GetUtcNow();
        if (!claims.TryGetProperty("exp", out var expElement) || !expElement.TryGetInt64(out var exp)
            || exp <= (now - _options.JwtClockSkew).ToUnixTimeSeconds()
            || exp > (now + MaxLifetime + _options.JwtClockSkew).ToUnixTimeSeconds())
        {
            return "Please check the 'exp' claim. It must be in the future and at most 60 seconds ahead.";
        }

        if (String(claims, "jti") is not { Length: >= 16 and <= 128 } jti)
        {
            return "Please check the 'jti' claim. A unique 'jti' value of 16 to 128 characters is required.";
        }

        Forget(now);
        if (!_usedIds.TryAdd(jti, exp))
        {
            return "Please check the 'jti' claim. A unique 'jti' value is required.";
        }

        return null;
    }

    public void Dispose() => _key?.Dispose();

    private void Forget(DateTimeOffset now)
    {
        // An id can only be replayed while its assertion is unexpired; older ones need not be remembered.
        var horizon = (now - _options.JwtClockSkew).ToUnixTimeSeconds();
        foreach (var (id, exp) in _usedIds)
        {
            if (exp < horizon)
            {
                _usedIds.TryRemove(id, out _);
            }
        }
    }

    private static JsonElement Decode(string part)
    {
        using var document = JsonDocument.Parse(Base64Url.DecodeFromChars(part));
        return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : throw new FormatException("not an object");
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
