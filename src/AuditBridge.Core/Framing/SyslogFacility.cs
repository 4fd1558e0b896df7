namespace AuditBridge.Framing;

/// <summary>Syslog facility codes (RFC 5424 §6.2.1). The PRI value is facility × 8 + severity.</summary>
public enum SyslogFacility
{
    /// <summary>0: kernel messages (<c>kern</c>).</summary>
    Kern = 0,

    /// <summary>1: user-level messages (<c>user</c>).</summary>
    User = 1,

    /// <summary>2: mail system (<c>mail</c>).</summary>
    Mail = 2,

    /// <summary>3: system daemons (<c>daemon</c>).</summary>
    Daemon = 3,

    /// <summary>4: security/authorization messages (<c>auth</c>).</summary>
    Auth = 4,

    /// <summary>5: messages generated internally by syslogd (<c>syslog</c>).</summary>
    Syslog = 5,

    /// <summary>6: line printer subsystem (<c>lpr</c>).</summary>
    Lpr = 6,

    /// <summary>7: network news subsystem (<c>news</c>).</summary>
    News = 7,

    /// <summary>8: UUCP subsystem (<c>uucp</c>).</summary>
    Uucp = 8,

    /// <summary>9: clock daemon (<c>cron</c>).</summary>
    Cron = 9,

    /// <summary>10: security/authorization messages, private (<c>authpriv</c>).</summary>
    AuthPriv = 10,

    /// <summary>11: FTP daemon (<c>ftp</c>).</summary>
    Ftp = 11,

    /// <summary>12: NTP subsystem (<c>ntp</c>).</summary>
    Ntp = 12,

    /// <summary>13: log audit (<c>audit</c>; syslog-ng calls it <c>security</c>).</summary>
    Audit = 13,

    /// <summary>14: log alert (<c>alert</c>; syslog-ng calls it <c>console</c>).</summary>
    Alert = 14,

    /// <summary>15: clock daemon, second code (<c>clock</c>; syslog-ng calls it <c>solaris-cron</c>).</summary>
    Clock = 15,

    /// <summary>16: local use 0 (<c>local0</c>).</summary>
    Local0 = 16,

    /// <summary>17: local use 1 (<c>local1</c>).</summary>
    Local1 = 17,

    /// <summary>18: local use 2 (<c>local2</c>).</summary>
    Local2 = 18,

    /// <summary>19: local use 3 (<c>local3</c>).</summary>
    Local3 = 19,

    /// <summary>20: local use 4 (<c>local4</c>), the default: Microsoft's CEF samples and troubleshooter use it.</summary>
    Local4 = 20,

    /// <summary>21: local use 5 (<c>local5</c>).</summary>
    Local5 = 21,

    /// <summary>22: local use 6 (<c>local6</c>).</summary>
    Local6 = 22,

    /// <summary>23: local use 7 (<c>local7</c>).</summary>
    Local7 = 23,
}
