using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;

namespace AuditBridge.Sinks.Syslog;

/// <summary>A parsed <c>udp://host:port</c>, <c>tcp://host:port</c> or <c>tls://host:port</c>.</summary>
/// <param name="Transport">From the scheme.</param>
/// <param name="Host">A DNS name (resolved at connect time) or an IP literal, without the brackets of IPv6.</param>
/// <param name="Port">1..65535; 514 when omitted for udp/tcp, 6514 for tls (RFC 5425).</param>
internal sealed record SyslogEndpoint(SyslogTransport Transport, string Host, int Port)
{
    public const int DefaultPort = 514;
    public const int DefaultTlsPort = 6514;

    /// <summary>An IP endpoint for a literal, a DNS endpoint (resolved when connecting) otherwise.</summary>
    public EndPoint ToEndPoint() => IPAddress.TryParse(Host, out var address)
        ? new IPEndPoint(address, Port)
        : new DnsEndPoint(Host, Port);

    /// <summary><c>host:port</c>, an IPv6 literal in brackets.</summary>
    public string HostAndPort => string.Create(
        CultureInfo.InvariantCulture, $"{(Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host)}:{Port}");

    public override string ToString() => $"{Transport.ToString().ToLowerInvariant()}://{HostAndPort}";

    /// <param name="text">The configured endpoint.</param>
    /// <param name="endpoint">The parsed endpoint.</param>
    /// <param name="error">One sentence naming the problem and the fix.</param>
    /// <param name="endpointName">How the endpoint option is named in the error.</param>
    public static bool TryParse(string? text, [NotNullWhen(true)] out SyslogEndpoint? endpoint, out string error, string endpointName = "Endpoint")
    {
        endpoint = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = $"{endpointName} is required, e.g. tcp://siem.example.com:514, tls://siem.example.com:6514 or udp://10.0.0.5:514.";
            return false;
        }

        var trimmed = text.Trim();
        var schemeEnd = trimmed.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            error = $"{endpointName} '{trimmed}' has no scheme: write udp://host:port, tcp://host:port or tls://host:port.";
            return false;
        }

        var scheme = trimmed[..schemeEnd].ToLowerInvariant();
        SyslogTransport transport;
        switch (scheme)
        {
            case "udp":
                transport = SyslogTransport.Udp;
                break;
            case "tcp":
                transport = SyslogTransport.Tcp;
                break;
            case "tls":
                transport = SyslogTransport.Tls;
                break;
            default:
                error = $"{endpointName} '{trimmed}': scheme '{scheme}' is not supported: use udp, tcp or tls.";
                return false;
        }

        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            error = $"{endpointName} '{trimmed}' is not a valid host:port (port 1..65535; IPv6 literals go in brackets: tcp://[2001:db8::1]:514).";
            return false;
        }

        if (!string.IsNullOrEmpty(uri.UserInfo) || uri.AbsolutePath != "/" || !string.IsNullOrEmpty(uri.Query)
            || !string.IsNullOrEmpty(uri.Fragment))
        {
            error = $"{endpointName} '{trimmed}' may only contain scheme, host and port.";
            return false;
        }

        var port = uri.Port;
        if (port == 0)
        {
            error = $"{endpointName} '{trimmed}': port must be 1..65535.";
            return false;
        }

        if (port < 0)
        {
            port = transport == SyslogTransport.Tls ? DefaultTlsPort : DefaultPort;
        }

        var host = uri.HostNameType == UriHostNameType.IPv6 ? uri.DnsSafeHost : uri.Host;
        endpoint = new SyslogEndpoint(transport, host, port);
        error = string.Empty;
        return true;
    }
}
