using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AuditBridge.Secrets;
using AuditBridge.Tls;

namespace AuditBridge.Sinks;

/// <summary>
/// TLS material of a sink (syslog over TLS, HTTPS), loaded once when the sink is created (fail fast on a bad file),
/// and the server certificate check. Restart the sink to pick up renewed files.
/// </summary>
internal sealed class TlsClientSettings : IDisposable
{
    private readonly X509Certificate2Collection? _roots;
    private readonly X509Certificate2Collection? _intermediates;
    private readonly X509Certificate2? _clientCertificate;
    private readonly string? _caFile;

    private TlsClientSettings(
        X509Certificate2Collection? roots,
        X509Certificate2Collection? intermediates,
        X509Certificate2? clientCertificate,
        string? caFile,
        bool insecureSkipVerify)
    {
        _roots = roots;
        _intermediates = intermediates;
        _clientCertificate = clientCertificate;
        _caFile = caFile;
        InsecureSkipVerify = insecureSkipVerify;
    }

    public bool InsecureSkipVerify { get; }

    /// <param name="caFile">PEM file of the trusted CA(s); null for the system trust store.</param>
    /// <param name="clientCertificateFile">PEM file of a client certificate (with its key unless <paramref name="clientKeyFile"/>).</param>
    /// <param name="clientKeyFile">PEM file of the client certificate's unencrypted key.</param>
    /// <param name="insecureSkipVerify">Accept any server certificate.</param>
    /// <exception cref="SinkException">Permanent: a file cannot be read or holds no usable certificate or key.</exception>
    public static TlsClientSettings Load(string? caFile, string? clientCertificateFile, string? clientKeyFile, bool insecureSkipVerify)
    {
        X509Certificate2Collection? roots = null;
        X509Certificate2Collection? intermediates = null;
        if (caFile is not null)
        {
            var all = Read(caFile, "CaFile", path =>
            {
                var collection = new X509Certificate2Collection();
                collection.ImportFromPemFile(path);
                return collection;
            });
            if (all.Count == 0)
            {
                throw new SinkException($"CaFile '{caFile}' holds no PEM certificate.", isTransient: false);
            }

            // CustomRootTrust anchors chains in self-signed certificates; anything else in the file helps build the chain.
            roots = [.. all.Where(c => c.SubjectName.RawData.AsSpan().SequenceEqual(c.IssuerName.RawData))];
            intermediates = [.. all.Where(c => !roots.Contains(c))];
            if (roots.Count == 0)
            {
                roots = all;
                intermediates = null;
            }
        }

        X509Certificate2? client = null;
        if (clientCertificateFile is not null)
        {
            client = Read(clientCertificateFile, "ClientCertificateFile", path =>
            {
                using var pem = X509Certificate2.CreateFromPemFile(path, clientKeyFile);

                // A PEM-loaded key is ephemeral; a PKCS#12 round trip gives SslStream a key it can use on every platform.
                return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), password: null);
            });
            if (!client.HasPrivateKey)
            {
                throw new SinkException(
                    $"ClientCertificateFile '{clientCertificateFile}' has no private key: set ClientKeyFile.",
                    isTransient: false);
            }
        }

        return new TlsClientSettings(roots, intermediates, client, caFile, insecureSkipVerify);
    }

    /// <summary>Client options for handshakes; <paramref name="onRejected"/> receives why a certificate was refused.</summary>
    /// <param name="host">The host the certificate must be issued for (a DNS name or an IP literal).</param>
    /// <param name="endpoint">The endpoint as the operator wrote it, for messages (never with credentials).</param>
    /// <param name="setTargetHost">
    /// False when the caller sets the target host itself per connection (<see cref="System.Net.Http.SocketsHttpHandler"/> does).
    /// </param>
    /// <param name="onRejected">Receives the reason a server certificate was refused.</param>
    public SslClientAuthenticationOptions CreateClientOptions(string host, string endpoint, bool setTargetHost, Action<string> onRejected)
    {
        var options = new SslClientAuthenticationOptions
        {
            // Also the SNI name; .NET sends no SNI for an IP literal (RFC 6066 §3 forbids it).
            TargetHost = setTargetHost ? host : null,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
            {
                if (errors == SslPolicyErrors.None || InsecureSkipVerify)
                {
                    return true;
                }

                onRejected(Describe(host, endpoint, certificate, chain, errors));
                return false;
            },
        };

        if (_roots is not null)
        {
            var policy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,

                // Private syslog CAs rarely publish revocation lists; an unreachable CRL must not stop delivery.
                RevocationMode = X509RevocationMode.NoCheck,
            };
            policy.CustomTrustStore.AddRange(_roots);
            if (_intermediates is not null)
            {
                policy.ExtraStore.AddRange(_intermediates);
            }

            options.CertificateChainPolicy = policy;
        }

        if (_clientCertificate is not null)
        {
            options.ClientCertificates = [_clientCertificate];
        }

        return options;
    }

    public void Dispose()
    {
        _clientCertificate?.Dispose();
        foreach (var certificate in (IEnumerable<X509Certificate2>?)_roots ?? [])
        {
            certificate.Dispose();
        }

        foreach (var certificate in (IEnumerable<X509Certificate2>?)_intermediates ?? [])
        {
            certificate.Dispose();
        }
    }

    private string Describe(string host, string endpoint, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        var reasons = CertificateProblems.Describe(host, certificate, chain, errors);
        var subject = certificate is null ? string.Empty : $" Certificate subject '{ExternalText.Escape(certificate.Subject)}', issuer '{ExternalText.Escape(certificate.Issuer)}'.";
        var trust = _caFile is null
            ? "It was checked against the system trust store: set CaFile to the PEM of the CA that issued it"
            : $"It was checked against CaFile '{_caFile}' only: put the issuing CA there";
        return $"TLS verification of {endpoint} failed: {string.Join(", ", reasons)}.{subject} {trust}, or fix the "
            + "server certificate. (InsecureSkipVerify turns verification off; not recommended.)";
    }

    private static T Read<T>(string path, string option, Func<string, T> read)
    {
        try
        {
            return read(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new SinkException($"{option} '{path}' cannot be used: {error.Message}", isTransient: false, error);
        }
    }
}
