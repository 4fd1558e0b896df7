using System.Buffers;
using System.Text;
using AuditBridge.Events;
using AuditBridge.Formats;

namespace AuditBridge.Connectors.Tests.Sinks;

/// <summary>What any formatter writes for one event, as text: the expected record in sink tests.</summary>
internal static class FormatterText
{
    public static string FormatToString(this IEventFormatter formatter, AuditEvent auditEvent)
    {
        var output = new ArrayBufferWriter<byte>();
        formatter.Format(auditEvent, output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }
}
