namespace AuditBridge.TestKit.Receivers;

/// <summary>One message as syslog-ng parsed it (one JSON line of the harness's output file).</summary>
/// <param name="Source">syslog-ng source name: <c>s_tcp_5424</c>, <c>s_udp_5424</c>, <c>s_tcp_3164</c>, <c>s_udp_3164</c>, <c>s_tls_5425</c>.</param>
/// <param name="Pri">PRI value.</param>
/// <param name="Facility">Facility name (<c>local4</c>).</param>
/// <param name="Severity">Severity name (<c>info</c>, <c>warning</c>, <c>err</c>, <c>crit</c>).</param>
/// <param name="Host">HOSTNAME as sent (keep-hostname).</param>
/// <param name="Program">APP-NAME (RFC 5424) or TAG (RFC 3164; <c>CEF</c> when the record sits in the TAG slot).</param>
/// <param name="Pid">PROCID, empty when nil.</param>
/// <param name="MsgId">MSGID, empty when nil.</param>
/// <param name="Date">Message timestamp as ISO 8601 in UTC with milliseconds.</param>
/// <param name="LegacyMessageHeader">RFC 3164: what syslog-ng cut off in front of MESSAGE (<c>CEF:</c>); empty otherwise.</param>
/// <param name="Message">MESSAGE.</param>
/// <param name="Raw">The message as received, framing excluded (<c>${RAWMSG}</c>).</param>
public sealed record SyslogNgMessage(
    string Source,
    int Pri,
    string Facility,
    string Severity,
    string Host,
    string Program,
    string Pid,
    string MsgId,
    string Date,
    string LegacyMessageHeader,
    string Message,
    string Raw)
{
    /// <summary>
    /// The record as the sender wrote it: for RFC 3164 with the record in the TAG slot syslog-ng splits
    /// <c>CEF:0|…</c> into PROGRAM <c>CEF</c> and MESSAGE <c>0|…</c>; the legacy header puts it back together.
    /// </summary>
    public string Record => LegacyMessageHeader + Message;
}
