namespace AuditBridge.Framing;

/// <summary>Which syslog header goes in front of each record.</summary>
public enum SyslogHeaderFormat
{
    /// <summary>
    /// RFC 5424: <c>&lt;PRI&gt;1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID - record</c>, with the event time in UTC
    /// and millisecond precision, no structured data and no BOM. The default.
    /// </summary>
    Rfc5424,

    /// <summary>
    /// RFC 3164 (BSD): <c>&lt;PRI&gt;Mmm dd HH:mm:ss HOSTNAME record</c> for CEF and LEEF records (the shape
    /// Microsoft Sentinel's AMA forwarder expects: <c>CEF:</c> sits in the TAG slot), and
    /// <c>&lt;PRI&gt;Mmm dd HH:mm:ss HOSTNAME APP-NAME: record</c> for anything else.
    /// </summary>
    Rfc3164,

    /// <summary>No header: the bare record (for receivers that take CEF or JSON lines directly).</summary>
    None,
}
