using System.Buffers;
using AuditBridge.Events;

namespace AuditBridge.Sinks;

/// <summary>
/// What a transport puts around each formatted record before it is framed: a syslog header, a Splunk HEC event
/// object. <see cref="BatchEncoder"/> asks for the lengths to give the formatter a byte budget that leaves room for it.
/// </summary>
internal interface IRecordEnvelope
{
    /// <summary>The fewest bytes the envelope adds for <paramref name="auditEvent"/>, whatever its record.</summary>
    int GetMinimumLength(AuditEvent auditEvent);

    /// <summary>The bytes the envelope adds around <paramref name="record"/> (which is only inspected).</summary>
    int GetLength(AuditEvent auditEvent, ReadOnlySpan<byte> record);

    /// <summary>Writes the envelope with <paramref name="record"/> inside it: one message, ready for a framer.</summary>
    void Write(IBufferWriter<byte> output, AuditEvent auditEvent, ReadOnlySpan<byte> record);
}
