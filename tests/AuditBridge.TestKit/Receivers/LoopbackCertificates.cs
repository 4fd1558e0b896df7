using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AuditBridge.TestKit.Receivers;

/// <summary>
/// A throw-away PKI made in-process with <see cref="CertificateRequest"/>: a CA, a server certificate for
/// <c>localhost</c>, 127.0.0.1 and ::1, and a client certificate, both issued by the CA. ECDSA P-256 keeps it fast.
/// </summary>
public sealed class LoopbackCertificates : IDisposable
{
    private LoopbackCertificates(X509Certificate2 ca, X509Certificate2 server, X509Certificate2 client)
    {
        Ca = ca;
        Server = server;
        Client = client;
    }

    /// <summary>The self-signed CA (with its private key).</summary>
    public X509Certificate2 Ca { get; }

    /// <summary>Server certificate (serverAuth) with its private key.</summary>
    public X509Certificate2 Server { get; }

    /// <summary>Client certificate (clientAuth) with its private key.</summary>
    public X509Certificate2 Client { get; }

    /// <param name="caName">CA common name.</param>
    /// <param name="serverName">DNS name in the server certificate.</param>
    /// <param name="includeLoopbackAddresses">Also name 127.0.0.1 and ::1 in the server certificate.</param>
    public static LoopbackCertificates Create(string caName = "AuditBridge Test CA", string serverName = "localhost", bool includeLoopbackAddresses = true)
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest($"CN={caName}", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var caEphemeral = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        var ca = Reload(caEphemeral);

        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(serverName);
        if (includeLoopbackAddresses)
        {
            names.AddIpAddress(IPAddress.Loopback);
            names.AddIpAddress(IPAddress.IPv6Loopback);
        }

        var server = Issue(ca, $"CN={serverName}", "1.3.6.1.5.5.7.3.1", names.Build(), now);
        var client = Issue(ca, "CN=auditbridge-client", "1.3.6.1.5.5.7.3.2", null, now);
        return new LoopbackCertificates(ca, server, client);
    }

    /// <summary>Writes <paramref name="certificate"/> as PEM (no key) and returns the path.</summary>
    public static string WriteCertificatePem(X509Certificate2 certificate, string path)
    {
        File.WriteAllText(path, certificate.ExportCertificatePem() + "\n");
        return path;
    }

    /// <summary>Writes the unencrypted PKCS#8 private key of <paramref name="certificate"/> as PEM and returns the path.</summary>
    public static string WriteKeyPem(X509Certificate2 certificate, string path)
    {
        using var key = certificate.GetECDsaPrivateKey() ?? throw new InvalidOperationException("The certificate has no ECDSA private key.");
        File.WriteAllText(path, key.ExportPkcs8PrivateKeyPem() + "\n");
        return path;
    }

    public void Dispose()
    {
        Ca.Dispose();
        Server.Dispose();
        Client.Dispose();
    }

    private static X509Certificate2 Issue(X509Certificate2 ca, string subject, string usage, X509Extension? names, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usage)], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        if (names is not null)
        {
            request.CertificateExtensions.Add(names);
        }

        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7F;
        using var issued = request.Create(ca, now.AddDays(-1), now.AddDays(29), serial);
        using var withKey = issued.CopyWithPrivateKey(key);
        return Reload(withKey);
    }

    // A PKCS#12 round trip turns the ephemeral key into one SslStream can use as a server or client credential.
    private static X509Certificate2 Reload(X509Certificate2 certificate) =>
        X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null, X509KeyStorageFlags.Exportable);
}
