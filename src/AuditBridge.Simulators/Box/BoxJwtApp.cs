using System.Security.Cryptography;

namespace AuditBridge.Simulators.Box;

/// <summary>
/// For JWT tests: a fresh RSA key pair and the app config JSON the Box Developer Console would generate for it
/// (<c>{"boxAppSettings":{"clientID","clientSecret","appAuth":{"publicKeyID","privateKey","passphrase"}},"enterpriseID"}</c>),
/// with the private key as encrypted PKCS#8 PEM (AES-256-CBC, PBKDF2-SHA256), as Box writes it. Give
/// <see cref="PublicKeyPem"/> and <see cref="PublicKeyId"/> to <see cref="BoxSimulatorOptions"/> so the simulator accepts
/// assertions signed with this key.
/// </summary>
/// <example>
/// <code>
/// var app = BoxJwtApp.Create();
/// var options = new BoxSimulatorOptions { JwtPublicKey = app.PublicKeyPem, JwtPublicKeyId = app.PublicKeyId };
/// File.WriteAllText(path, app.ConfigJson(options));
/// </code>
/// </example>
public sealed class BoxJwtApp
{
    private BoxJwtApp(string publicKeyId, string publicKeyPem, string encryptedPrivateKeyPem, string passphrase)
    {
        PublicKeyId = publicKeyId;
        PublicKeyPem = publicKeyPem;
        EncryptedPrivateKeyPem = encryptedPrivateKeyPem;
        Passphrase = passphrase;
    }

    /// <summary>The key's id (<c>boxAppSettings.appAuth.publicKeyID</c>, the JWT header's <c>kid</c>).</summary>
    public string PublicKeyId { get; }

    /// <summary>The public key, SubjectPublicKeyInfo PEM (<c>-----BEGIN PUBLIC KEY-----</c>).</summary>
    public string PublicKeyPem { get; }

    /// <summary>The private key, encrypted PKCS#8 PEM (<c>-----BEGIN ENCRYPTED PRIVATE KEY-----</c>).</summary>
    public string EncryptedPrivateKeyPem { get; }

    /// <summary>The passphrase of <see cref="EncryptedPrivateKeyPem"/>.</summary>
    public string Passphrase { get; }

    /// <summary>Creates a key pair (RSA 2048 by default, as the Developer Console does).</summary>
    public static BoxJwtApp Create(string publicKeyId = "sim-key-1", string passphrase = "sim-jwt-passphrase", int keySize = 2048)
    {
        ArgumentException.ThrowIfNullOrEmpty(publicKeyId);
        ArgumentException.ThrowIfNullOrEmpty(passphrase);
        using var rsa = RSA.Create(keySize);
        var encryption = new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 100_000);
        return new BoxJwtApp(publicKeyId, rsa.ExportSubjectPublicKeyInfoPem(), rsa.ExportEncryptedPkcs8PrivateKeyPem(passphrase.AsSpan(), encryption), passphrase);
    }

    /// <summary>The app config for a simulator's client id, secret and enterprise id.</summary>
    public string ConfigJson(BoxSimulatorOptions options, bool includePassphrase = true)
    {
        ArgumentNullException.ThrowIfNull(options);
        return ConfigJson(options.ClientId, options.ClientSecret, options.EnterpriseId, includePassphrase);
    }

    /// <summary>
    /// The app config JSON, indented like the Developer Console's download. Without the passphrase, the reader must be
    /// given it separately (to keep it out of the file).
    /// </summary>
    public string ConfigJson(string clientId, string clientSecret, string enterpriseId, bool includePassphrase = true)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("boxAppSettings");
            writer.WriteStartObject();
            writer.WriteString("clientID", clientId);
            writer.WriteString("clientSecret", clientSecret);
            writer.WritePropertyName("appAuth");
            writer.WriteStartObject();
            writer.WriteString("publicKeyID", PublicKeyId);
            writer.WriteString("privateKey", EncryptedPrivateKeyPem);
            writer.WriteString("passphrase", includePassphrase ? Passphrase : string.Empty);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteString("enterpriseID", enterpriseId);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
