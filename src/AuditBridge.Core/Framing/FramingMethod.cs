namespace AuditBridge.Framing;

/// <summary>How one message is delimited from the next on a stream (socket or file).</summary>
public enum FramingMethod
{
    /// <summary>
    /// RFC 6587 octet counting: <c>&lt;decimal UTF-8 byte length&gt; SP message</c>. Transparent (the message may
    /// contain any byte) and the default for syslog over TCP and TLS (RFC 5425 requires it for TLS).
    /// </summary>
    OctetCounting,

    /// <summary>
    /// RFC 6587 non-transparent framing: message + LF. A raw LF inside the message is replaced by a space so
    /// that one record can never be split into two.
    /// </summary>
    Newline,

    /// <summary>Message + CR LF, the RFC 4180 record separator for CSV files. The message is written unchanged.</summary>
    CrLf,

    /// <summary>No framing: the transport delimits messages itself (one UDP datagram per message, RFC 5426).</summary>
    None,
}
