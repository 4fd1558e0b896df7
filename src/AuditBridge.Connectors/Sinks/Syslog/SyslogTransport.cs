namespace AuditBridge.Sinks.Syslog;

/// <summary>The transport named by the endpoint's scheme.</summary>
internal enum SyslogTransport
{
    /// <summary><c>udp://</c>: RFC 5426, one message per datagram, best effort.</summary>
    Udp,

    /// <summary><c>tcp://</c>: RFC 6587, octet-counted or newline-framed.</summary>
    Tcp,

    /// <summary><c>tls://</c>: RFC 5425, TCP + TLS.</summary>
    Tls,
}
