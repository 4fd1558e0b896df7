namespace AuditBridge.TestKit.Receivers;

/// <summary>How a loopback stream receiver splits the bytes it receives into records.</summary>
public enum LoopbackFraming
{
    /// <summary>RFC 6587 octet counting: <c>LEN SP MSG</c>.</summary>
    OctetCounting,

    /// <summary>Records end with LF (the LF is not part of the record).</summary>
    Newline,
}
