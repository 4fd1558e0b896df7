using System.Security.Cryptography;

namespace AuditBridge.Sources.Box;

/// <summary>Imports a JWT app's PEM private key with <see cref="System.Security.Cryptography"/> only (no BouncyCastle).</summary>
internal static class BoxPrivateKey
{
    /// <summary>
    /// Imports the key: encrypted PKCS#8 (what the Developer Console generates) with the passphrase, or an unencrypted
    /// PKCS#8/PKCS#1 key. The caller disposes the result.
    /// </summary>
    /// <exception cref="SourceException">Kind <see cref="SourceErrorKind.Authentication"/>, permanent; the message names the file and JSON path, never the key.</exception>
    public static RSA Import(BoxJwtSettings settings)
    {
        var pem = settings.PrivateKey.Reveal();
        var encrypted = pem.Contains("BEGIN ENCRYPTED PRIVATE KEY", StringComparison.Ordinal);
        var rsa = RSA.Create();
        try
        {
            if (encrypted)
            {
                if (settings.Passphrase is null)
                {
                    throw Fail($"the private key in {settings.Origin} (boxAppSettings.appAuth.privateKey) is encrypted, but no passphrase was given: keep boxAppSettings.appAuth.passphrase in the file or give the passphrase separately");
                }

                rsa.ImportFromEncryptedPem(pem, settings.Passphrase.Reveal());
            }
            else
            {
                rsa.ImportFromPem(pem);
            }

            if (rsa.KeySize < 2048)
            {
                throw Fail($"the private key in {settings.Origin} (boxAppSettings.appAuth.privateKey) has {rsa.KeySize} bits; Box keys have at least 2048");
            }

            return rsa;
        }
        catch (CryptographicException e)
        {
            rsa.Dispose();
            throw Fail(encrypted
                ? $"the private key in {settings.Origin} (boxAppSettings.appAuth.privateKey) cannot be decrypted with the passphrase from {settings.Passphrase?.Origin}: the passphrase is wrong, or the key and passphrase come from different key pairs"
                : $"the private key in {settings.Origin} (boxAppSettings.appAuth.privateKey) is not a PEM RSA private key", e);
        }
        catch (ArgumentException e)
        {
            rsa.Dispose();
            throw Fail($"the private key in {settings.Origin} (boxAppSettings.appAuth.privateKey) holds no PEM RSA private key (expected '-----BEGIN ENCRYPTED PRIVATE KEY-----')", e);
        }
        catch
        {
            rsa.Dispose();
            throw;
        }
    }

    private static SourceException Fail(string message, Exception? inner = null) =>
        new(SourceErrorKind.Authentication, message, isTransient: false, inner);
}
