namespace AuditBridge.Framing;

/// <summary>Syslog severity codes (RFC 5424 §6.2.1): 0 is the most severe.</summary>
public enum SyslogSeverity
{
    /// <summary>0: system is unusable.</summary>
    Emergency = 0,

    /// <summary>1: action must be taken immediately.</summary>
    Alert = 1,

    /// <summary>2: critical conditions.</summary>
    Critical = 2,

    /// <summary>3: error conditions.</summary>
    Error = 3,

    /// <summary>4: warning conditions.</summary>
    Warning = 4,

    /// <summary>5: normal but significant condition.</summary>
    Notice = 5,

    /// <summary>6: informational messages.</summary>
    Informational = 6,

    /// <summary>7: debug-level messages.</summary>
    Debug = 7,
}
