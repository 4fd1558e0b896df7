using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;

namespace AuditBridge.Sources.Box;

/// <summary>
/// The signed JWT a JWT app trades for an access token (saas-apis.md B.5): header <c>{alg: RS256, typ: JWT, kid}</c>,
/// claims <c>iss</c> (client id), <c>sub</c> (enterprise id), <c>box_sub_type: enterprise</c>, <c>aud</c> (the token URL),
/// <c>jti</c> (random, 32 characters) and <c>exp</c> (45 s ahead, as Box's samples do; Box allows at most 60 s).
/// RS256 = RSASSA-PKCS1-v1_5 with SHA-256; the three parts are base64url without padding (RFC 7515).
/// </summary>
internal static class BoxJwtAssertion
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(45);

    public static string Create(BoxJwtSettings settings, RSA key, Uri audience, DateTimeOffset now)
    {
        var header = Json(writer =>
        {
            writer.WriteString("alg", "RS256");
            writer.WriteString("typ", "JWT");
            writer.WriteString("kid", settings.PublicKeyId);
        });
        var claims = Json(writer =>
        {
            writer.WriteString("iss", settings.ClientId.Reveal());
            writer.WriteString("sub", settings.EnterpriseId.Reveal());
            writer.WriteString("box_sub_type", "enterprise");
            writer.WriteString("aud", audience.AbsoluteUri);
            writer.WriteString("jti", Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24)));
            writer.WriteNumber("exp", (now + Lifetime).ToUnixTimeSeconds());
        });

        var signingInput = $"{Base64Url.EncodeToString(header)}.{Base64Url.EncodeToString(claims)}";
        var signature = key.SignData(System.Text.Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signingInput}.{Base64Url.EncodeToString(signature)}";
    }

    private static byte[] Json(Action<Utf8JsonWriter> members)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            members(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
