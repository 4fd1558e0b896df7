using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AuditBridge.Sinks.Syslog;

/// <summary>
/// TLS material, loaded once when the sink is created (fail fast on a bad file), and the server certificate
/// check. Restart the sink to pick up renewed files.
/// </summary>
internal sealed class SyslogTlsSettings : IDisposable
{
    private readonly X509Certificate2Collection? _roots;
    private readonly X509Certificate2Collection? _intermediates;
    private readonly X509Certificate2? _clientCertificate;
    private readonly string? _caFile;

    private SyslogTlsSettings(
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

    /// <exception cref="SinkException">Permanent: a file cannot be read or holds no usable certificate or key.</exception>
    public static SyslogTlsSettings Load(SyslogSinkOptions options)
    {
        X509Certificate2Collection? roots = null;
        X509Certificate2Collection? intermediates = null;
        if (options.CaFile is not null)
        {
            var all = Read(options.CaFile, nameof(options.CaFile), path =>
            {
                var collection = new X509Certificate2Collection();
                collection.ImportFromPemFile(path);
                return collection;
            });
            if (all.Count == 0)
            {
                throw new SinkException($"CaFile '{options.CaFile}' holds no PEM certificate.", isTransient: false);
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
        if (options.ClientCertificateFile is not null)
        {
            client = Read(options.ClientCertificateFile, nameof(options.ClientCertificateFile), path =>
            {
                using var pem = X509Certificate2.CreateFromPemFile(path, options.ClientKeyFile);

                // A PEM-loaded key is ephemeral; a PKCS#12 round trip gives SslStream a key it can use on every platform.
                return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), password: null);
            });
            if (!client.HasPrivateKey)
            {
                throw new SinkException(
                    $"ClientCertificateFile '{options.ClientCertificateFile}' has no private key: set ClientKeyFile.",
                    isTransient: false);
            }
        }

        return new SyslogTlsSettings(roots, intermediates, client, options.CaFile, options.InsecureSkipVerify);
    }

    /// <summary>Client options for one handshake; <paramref name="onRejected"/> receives why a certificate was refused.</summary>
    public SslClientAuthenticationOptions CreateClientOptions(SyslogEndpoint endpoint, Action<string> onRejected)
    {
        var options = new SslClientAuthenticationOptions
        {
            // Also the SNI name; .NET sends no SNI for an IP literal (RFC 6066 §3 forbids it).
            TargetHost = endpoint.Host,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
            {
                if (errors == SslPolicyErrors.None || InsecureSkipVerify)
                {
                    return true;
                }

                onRejected(Describe(endpoint, certificate, chain, errors));
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

    private string Describe(SyslogEndpoint endpoint, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        var reasons = new List<string>();
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            reasons.Add("the server sent no certificate");
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            reasons.Add($"the certificate is not issued for '{endpoint.Host}'");
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
        {
            var statuses = chain?.ChainStatus
                .Select(s => string.IsNullOrWhiteSpace(s.StatusInformation) ? s.Status.ToString() : $"{s.Status}: {s.StatusInformation.Trim()}")
                .Distinct(StringComparer.Ordinal)
                .ToArray() ?? [];
            reasons.Add(statuses.Length == 0 ? "its chain is not trusted" : $"its chain is not trusted ({string.Join("; ", statuses)})");
        }

        var subject = certificate is null ? string.Empty : $" Certificate subject '{certificate.Subject}', issuer '{certificate.Issuer}'.";
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
