using System.Buffers;
using System.Globalization;
using System.Text;
using AuditBridge.Events;
using AuditBridge.Formats;

namespace AuditBridge.Connectors.Tests.Sinks;

/// <summary>
/// A small stand-in for the real CEF formatter (built elsewhere): <c>CEF:0|V|P|1|action|description|severity|suser=value</c>
/// with CEF escaping, where the value is the actor's e-mail. It honours <c>maxBytes</c> by cutting the value (on a
/// character boundary, never inside an escape) and appending <see cref="Marker"/>.
/// </summary>
internal sealed class TestCefFormatter : IEventFormatter
{
    /// <summary>Appended to a shortened value.</summary>
    public const string Marker = "…[cut]";

    private readonly string _prefix;

    /// <param name="name">Format key; <c>csv</c> makes line sinks use CRLF.</param>
    /// <param name="fileHeader">Bytes a new file starts with.</param>
    /// <param name="prefix">Replaces <c>CEF:0</c>, to produce records that are not CEF.</param>
    public TestCefFormatter(string name = "cef", string? fileHeader = null, string prefix = "CEF:0")
    {
        Name = name;
        FileHeader = fileHeader is null ? ReadOnlyMemory<byte>.Empty : Encoding.UTF8.GetBytes(fileHeader);
        _prefix = prefix;
    }

    public string Name { get; }

    public ReadOnlyMemory<byte> FileHeader { get; }

    public string FormatToString(AuditEvent auditEvent, int maxBytes = int.MaxValue)
    {
        var output = new ArrayBufferWriter<byte>();
        Format(auditEvent, output, maxBytes);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    public FormatResult Format(AuditEvent auditEvent, IBufferWriter<byte> output, int maxBytes = int.MaxValue)
    {
        var head = string.Create(
            CultureInfo.InvariantCulture,
            $"{_prefix}|V|P|1|{EscapeHeader(auditEvent.Action)}|{EscapeHeader(auditEvent.Description ?? string.Empty)}|{auditEvent.Severity}|suser=");
        var value = auditEvent.Actor?.Email ?? string.Empty;
        var full = head + EscapeExtension(value);
        if (Encoding.UTF8.GetByteCount(full) <= maxBytes)
        {
            return Write(output, full, 0);
        }

        var budget = maxBytes - Encoding.UTF8.GetByteCount(head) - Encoding.UTF8.GetByteCount(Marker);
        if (budget < 0)
        {
            throw new RecordTooLargeException($"The CEF header alone is longer than {maxBytes} bytes.");
        }

        var kept = new StringBuilder();
        var used = 0;
        foreach (var rune in value.EnumerateRunes())
        {
            var escaped = EscapeExtension(rune.ToString());
            var size = Encoding.UTF8.GetByteCount(escaped);
            if (used + size > budget)
            {
                break;
            }

            kept.Append(escaped);
            used += size;
        }

        return Write(output, head + kept + Marker, 1);
    }

    private static FormatResult Write(IBufferWriter<byte> output, string record, int shortened)
    {
        var bytes = Encoding.UTF8.GetBytes(record);
        output.Write(bytes);
        return new FormatResult(bytes.Length, shortened);
    }

    private static string EscapeHeader(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal)
            .Replace('\r', ' ').Replace('\n', ' ');

    private static string EscapeExtension(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("=", "\\=", StringComparison.Ordinal)
            .Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)
            .Replace('\t', ' ');
}
