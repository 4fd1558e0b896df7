using System.Buffers;
using System.Buffers.Text;
using System.Text;
using AuditBridge.Events;

namespace AuditBridge.Formats.Csv;

/// <summary>
/// RFC 4180 CSV with one fixed column set (docs/formats/csv.md). Like every formatter it writes no framing: the CRLF
/// record separator comes from the sink's framer (file and stdout sinks use CRLF for <c>csv</c>), and
/// <see cref="FileHeader"/> holds the header line with its CRLF.
/// </summary>
internal sealed class CsvFormatter : IEventFormatter
{
    /// <summary>The columns, in order. Changing them is a breaking change for every saved export and spreadsheet.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "time", "id", "vendor", "source", "category", "action", "description", "severity", "outcome",
        "actor_kind", "actor_id", "actor_email", "actor_name",
        "target_kind", "target_id", "target_email", "target_name",
        "ip", "geo_country", "geo_region", "geo_city",
        "object_name", "object_path", "object_id", "objects", "details",
    ];

    private readonly bool _guard;
    private readonly byte[] _header;

    public CsvFormatter(CsvFormatterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _guard = options.GuardFormulas;
        var line = string.Join(',', Columns) + "\r\n";
        _header = [.. (options.ByteOrderMark ? Encoding.UTF8.Preamble : []), .. Encoding.ASCII.GetBytes(line)];
    }

    /// <inheritdoc/>
    public string Name => "csv";

    /// <inheritdoc/>
    public ReadOnlyMemory<byte> FileHeader => _header;

    /// <inheritdoc/>
    /// <exception cref="NotSupportedException">
    /// <paramref name="maxBytes"/> is smaller than the record. CSV is a file format: a cell cut to fit a transport would
    /// silently change an export, so records are never shortened.
    /// </exception>
    public FormatResult Format(AuditEvent auditEvent, IBufferWriter<byte> output, int maxBytes = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);

        if (maxBytes == int.MaxValue)
        {
            return new FormatResult(Write(auditEvent, output), 0);
        }

        var scratch = new ArrayBufferWriter<byte>();
        var length = Write(auditEvent, scratch);
        if (length > maxBytes)
        {
            throw new NotSupportedException(
                $"The CSV record of event '{auditEvent.Id}' is {length} bytes, over the budget of {maxBytes} bytes; CSV records are never shortened.");
        }

        output.Write(scratch.WrittenSpan);
        return new FormatResult(length, 0);
    }

    private int Write(AuditEvent auditEvent, IBufferWriter<byte> output)
    {
        var row = new Row(output, _guard);
        Span<byte> time = stackalloc byte[EventText.TimeLength];
        row.Raw(time[..EventText.WriteTime(auditEvent.Time, time)]);
        row.Text(auditEvent.Id);
        row.Text(auditEvent.Vendor);
        row.Text(auditEvent.Source);
        row.Text(auditEvent.Category);
        row.Text(auditEvent.Action);
        row.Text(auditEvent.Description);
        Span<byte> number = stackalloc byte[11];
        Utf8Formatter.TryFormat(auditEvent.Severity, number, out var digits);
        row.Raw(number[..digits]);
        row.Text(EventText.OutcomeName(auditEvent.Outcome));
        row.Principal(auditEvent.Actor);
        row.Principal(auditEvent.Target);
        row.Text(auditEvent.Ip);
        row.Text(auditEvent.Geo?.Country);
        row.Text(auditEvent.Geo?.Region);
        row.Text(auditEvent.Geo?.City);
        var first = auditEvent.Objects.Count > 0 ? auditEvent.Objects[0] : null;
        row.Text(first?.Name);
        row.Text(first?.Path);
        row.Text(first?.Id);
        row.Json(ObjectsJson(auditEvent.Objects));
        row.Json(DetailsJson(auditEvent.Sections));
        return row.End();
    }

    private static ReadOnlySpan<byte> ObjectsJson(IReadOnlyList<EventObject> objects)
    {
        if (objects.Count == 0)
        {
            return default;
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = EventJson.CreateWriter(buffer))
        {
            EventJson.WriteObjects(writer, objects);
        }

        return buffer.WrittenSpan;
    }

    private static ReadOnlySpan<byte> DetailsJson(IReadOnlyList<EventSection> sections)
    {
        foreach (var section in sections)
        {
            if (string.Equals(section.Name, "details", StringComparison.Ordinal))
            {
                return section.Json.Span.Trim(" \t\r\n"u8);
            }
        }

        return default;
    }

    /// <summary>Writes cells separated by commas, counting bytes.</summary>
    private ref struct Row(IBufferWriter<byte> output, bool guard)
    {
        private int _written;
        private bool _started;

        public void Text(string? value)
        {
            var span = Begin((value?.Length ?? 0) * CsvEscaper.MaxBytesPerChar);
            Commit(value is null ? 0 : CsvEscaper.WriteCell(value, guard, span));
        }

        public void Json(scoped ReadOnlySpan<byte> json)
        {
            var span = Begin(json.Length * 2);
            Commit(CsvEscaper.WriteCell(json, guard, span));
        }

        public void Raw(scoped ReadOnlySpan<byte> ascii)
        {
            var span = Begin(ascii.Length);
            ascii.CopyTo(span);
            Commit(ascii.Length);
        }

        public void Principal(Principal? principal)
        {
            Text(principal is null ? null : EventText.KindName(principal.Kind));
            Text(principal?.Id);
            Text(principal?.Email);
            Text(principal?.Name);
        }

        public readonly int End() => _written;

        /// <summary>A span for the next cell, with its separating comma already written at the start.</summary>
        private Span<byte> Begin(int size)
        {
            var span = output.GetSpan(size + CsvEscaper.ExtraBytes + 1);
            if (_started)
            {
                span[0] = (byte)',';
                output.Advance(1);
                _written++;
                span = output.GetSpan(size + CsvEscaper.ExtraBytes);
            }

            _started = true;
            return span;
        }

        private void Commit(int bytes)
        {
            output.Advance(bytes);
            _written += bytes;
        }
    }
}
