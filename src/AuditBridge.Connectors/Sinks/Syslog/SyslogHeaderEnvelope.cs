using System.Buffers;
using AuditBridge.Events;
using AuditBridge.Framing;

namespace AuditBridge.Sinks.Syslog;

/// <summary>The syslog header (RFC 5424 or 3164) in front of each record, stamped with the event time.</summary>
internal sealed class SyslogHeaderEnvelope : IRecordEnvelope
{
    private readonly SyslogHeaderWriter _header;

    private SyslogHeaderEnvelope(SyslogHeaderWriter header) => _header = header;

    /// <summary>The envelope for <paramref name="header"/>, or null when the format is <see cref="SyslogHeaderFormat.None"/>.</summary>
    public static SyslogHeaderEnvelope? For(SyslogHeaderWriter header) =>
        header.Format == SyslogHeaderFormat.None ? null : new SyslogHeaderEnvelope(header);

    // RFC 3164 adds a TAG unless the record is CEF or LEEF, so the shortest header is that of a CEF record.
    public int GetMinimumLength(AuditEvent auditEvent) => _header.GetMinimumLength(auditEvent.Severity);

    public int GetLength(AuditEvent auditEvent, ReadOnlySpan<byte> record) => _header.GetLength(auditEvent.Severity, record);

    public void Write(IBufferWriter<byte> output, AuditEvent auditEvent, ReadOnlySpan<byte> record) =>
        _header.WriteMessage(output, auditEvent.Time, auditEvent.Severity, record);
}
