using System.Globalization;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace AuditBridge.Tls;

/// <summary>
/// Why a server certificate was refused, in the words an operator acts on: no certificate, not issued for the host
/// (name mismatch), expired or not yet valid, or a chain that ends in an untrusted root. Shared by the vendor sources
/// and the sinks, so every TLS failure names its reason instead of .NET's "see inner exception".
/// </summary>
internal static class CertificateProblems
{
    /// <summary>One clause per problem of the handshake's certificate check; empty when there is none.</summary>
    /// <param name="host">The host the certificate had to be issued for.</param>
    /// <param name="certificate">The server's certificate, if it sent one.</param>
    /// <param name="chain">The chain .NET built, with its status.</param>
    /// <param name="errors">The policy errors of the check.</param>
    public static IReadOnlyList<string> Describe(string host, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        var reasons = new List<string>();
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            reasons.Add("the server sent no certificate");
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            reasons.Add($"the certificate is not issued for '{host}' (name mismatch)");
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
        {
            var statuses = chain?.ChainStatus ?? [];
            if (statuses.Any(s => s.Status == X509ChainStatusFlags.NotTimeValid))
            {
                reasons.Add(certificate is X509Certificate2 leaf ? Validity(leaf) : "the certificate has expired or is not valid yet");
            }

            var other = statuses
                .Where(s => s.Status != X509ChainStatusFlags.NotTimeValid)
                .Select(s => string.IsNullOrWhiteSpace(s.StatusInformation) ? Words(s.Status) : $"{Words(s.Status)}: {s.StatusInformation.Trim()}")
                .Distinct(StringComparer.Ordinal)
                .ToArray();
            if (other.Length > 0 || statuses.Length == 0)
            {
                reasons.Add(other.Length == 0 ? "its chain is not trusted" : $"its chain is not trusted ({string.Join("; ", other)})");
            }
        }

        return reasons;
    }

    private static string Validity(X509Certificate2 leaf)
    {
        // The handshake judged validity by the system clock, so that is the clock that says which side it failed.
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        return leaf.NotAfter.ToUniversalTime() < now
            ? string.Create(CultureInfo.InvariantCulture, $"the certificate expired on {leaf.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm:ss}Z")
            : string.Create(CultureInfo.InvariantCulture, $"the certificate is not valid before {leaf.NotBefore.ToUniversalTime():yyyy-MM-dd HH:mm:ss}Z");
    }

    private static string Words(X509ChainStatusFlags status) => status switch
    {
        X509ChainStatusFlags.UntrustedRoot => "untrusted root",
        X509ChainStatusFlags.PartialChain => "incomplete chain, no trusted root found",
        X509ChainStatusFlags.Revoked => "revoked",
        X509ChainStatusFlags.NotSignatureValid => "invalid signature",
        _ => status.ToString(),
    };
}
