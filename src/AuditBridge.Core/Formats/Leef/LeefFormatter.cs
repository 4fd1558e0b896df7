using System.Buffers;
using AuditBridge.Events;
using AuditBridge.Formats.KeyValue;

namespace AuditBridge.Formats.Leef;

/// <summary>
/// IBM QRadar LEEF 2.0 records (docs/formats/leef.md): <see cref="LeefDialect"/> with the chosen delimiter, written by
/// the key=value engine, with the key layout in LeefFormatter.Layout.cs.
/// </summary>
internal sealed partial class LeefFormatter : IEventFormatter, IKeyValueLayout<LeefKey>
{
    private readonly LeefDelimiter _delimiter;
    private readonly KeyValueRecordWriter<LeefKey> _writer;

    /// <exception cref="ArgumentException">The delimiter is not one LEEF records can use, or a vendor is listed twice.</exception>
    public LeefFormatter(LeefFormatterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _delimiter = LeefDelimiter.Parse(options.Delimiter, nameof(options));
        _writer = new KeyValueRecordWriter<LeefKey>(LeefDialect.For(_delimiter), options.Products);
    }

    /// <inheritdoc/>
    public string Name => "leef";

    /// <inheritdoc/>
    public FormatResult Format(AuditEvent auditEvent, IBufferWriter<byte> output, int maxBytes = int.MaxValue) =>
        _writer.Write(auditEvent, output, maxBytes, this);
}
