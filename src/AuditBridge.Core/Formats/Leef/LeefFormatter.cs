using System.Buffers;
using System.Buffers.Text;
using AuditBridge.Events;

namespace AuditBridge.Formats.Leef;

/// <summary>
/// IBM QRadar LEEF 2.0 records (docs/formats/leef.md). Stateless apart from the delimiter chosen at creation: a call
/// builds the record's fields on the stack, pointing at the event's own strings and bytes, and sanitizes them straight
/// into the output span.
/// </summary>
/// <remarks>
/// One pass in the common case: the record is written into the span the output hands out and committed only if it
/// fits <c>maxBytes</c>. Otherwise nothing is committed, the sizes measured while writing pick the values to shorten,
/// and the record is written again.
/// </remarks>
internal sealed partial class LeefFormatter : IEventFormatter
{
    private static readonly byte[] TruncatedKey = "truncated="u8.ToArray();

    private readonly LeefDelimiter _delimiter;

    public LeefFormatter(LeefFormatterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _delimiter = LeefDelimiter.Parse(options.Delimiter, nameof(options));
    }

    /// <inheritdoc/>
    public string Name => "leef";

    /// <inheritdoc/>
    public FormatResult Format(AuditEvent auditEvent, IBufferWriter<byte> output, int maxBytes = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);

        var prefix = LeefHeaders.PrefixFor(auditEvent.Vendor, out var headerCuts);
        var buffer = default(LeefFieldBuffer);
        var sectionCount = auditEvent.Sections.Count;
        var storage = sectionCount <= LeefFieldBuffer.Capacity - LeefFieldBuffer.FixedFields
            ? (Span<LeefField>)buffer
            : new LeefField[LeefFieldBuffer.FixedFields + sectionCount];
        var fields = new LeefFieldList(storage, headerCuts);
        Build(auditEvent, ref fields);

        var written = Write(output.GetSpan(UpperBound(prefix, ref fields)), prefix, ref fields);
        var shortened = 0;
        if (written > maxBytes)
        {
            shortened = FitToBudget(ref fields, prefix.Length, written, maxBytes, auditEvent.Id);
            written = Write(output.GetSpan(UpperBound(prefix, ref fields)), prefix, ref fields);
            if (written > maxBytes)
            {
                // FitToBudget measures exactly what Write writes; reaching this is a bug, never a silent overrun.
                throw new RecordTooLargeException(
                    $"The LEEF record of event '{Shorten(auditEvent.Id)}' came out at {written} bytes after shortening; the budget is {maxBytes} bytes.");
            }
        }

        output.Advance(written);
        return new FormatResult(written, shortened);
    }

    private static int UpperBound(byte[] prefix, ref LeefFieldList fields)
    {
        // Prefix, two pipes, the delimiter field, and the truncated attribute with the header names; each field then
        // counts its key twice: once as "<delimiter>key=", once (with a comma) in the truncated list.
        var bound = prefix.Length + 8 + TruncatedKey.Length + 32;
        for (var i = 0; i < fields.Count; i++)
        {
            ref var field = ref fields[i];
            var key = field.KeyName.Length + 2;
            bound += (2 * key) + field.Kind switch
            {
                LeefValueKind.Text => (field.Length * LeefEscaper.MaxBytesPerChar) + ValueShortener.MarkerUtf8.Length,
                LeefValueKind.Utf8 => field.Utf8.Length,
                _ => 64,
            };
        }

        return bound;
    }

    private int Write(Span<byte> destination, byte[] prefix, ref LeefFieldList fields)
    {
        prefix.CopyTo(destination);
        var position = prefix.Length;

        // Field 0 is always the event id; then the delimiter field, and the 6th pipe that ends the header.
        position += WriteValue(ref fields[0], destination[position..], header: true);
        destination[position++] = (byte)'|';
        _delimiter.Header.CopyTo(destination[position..]);
        position += _delimiter.Header.Length;
        destination[position++] = (byte)'|';

        var separator = (byte)_delimiter.Value;
        for (var i = 1; i < fields.Count; i++)
        {
            ref var field = ref fields[i];
            if (i > 1)
            {
                destination[position++] = separator;
            }

            position += WriteKey(ref field, destination[position..]);
            position += WriteValue(ref field, destination[position..], header: false);
        }

        if (fields.AnyCut)
        {
            destination[position++] = separator;
            position += WriteTruncated(ref fields, destination[position..]);
        }

        return position;
    }

    private static int WriteKey(ref LeefField field, Span<byte> destination)
    {
        if (field.Name is { } name)
        {
            // Section names are checked to be ASCII letters, digits and '_' (LeefKeys.IsUsableSectionKey).
            for (var i = 0; i < name.Length; i++)
            {
                destination[i] = (byte)name[i];
            }

            destination[name.Length] = (byte)'=';
            return name.Length + 1;
        }

        var key = LeefKeys.PrefixOf(field.Key);
        key.CopyTo(destination);
        return key.Length;
    }

    private int WriteValue(ref LeefField field, Span<byte> destination, bool header)
    {
        int written;
        switch (field.Kind)
        {
            case LeefValueKind.Text:
                var text = field.Text.AsSpan(0, field.Length);
                written = header ? LeefEscaper.WriteHeader(text, destination) : LeefEscaper.WriteValue(text, destination, _delimiter);
                if (field.Marker)
                {
                    ValueShortener.MarkerUtf8.CopyTo(destination[written..]);
                    written += ValueShortener.MarkerUtf8.Length;
                }

                break;
            case LeefValueKind.Utf8:
                field.Utf8.Span.CopyTo(destination);
                written = field.Utf8.Length;
                break;
            case LeefValueKind.Number:
                Utf8Formatter.TryFormat(field.Number, destination, out written);
                break;
            default:
                field.Address!.TryFormat(destination, out written);
                break;
        }

        field.Written = written;
        return written;
    }

    /// <summary><c>truncated=&lt;keys&gt;</c>: cut header fields, then cut attributes in wire order, comma-separated.</summary>
    private static int WriteTruncated(ref LeefFieldList fields, Span<byte> destination)
    {
        TruncatedKey.CopyTo(destination);
        var position = TruncatedKey.Length;
        var first = true;
        for (var key = LeefKey.Vendor; key <= LeefKey.Version; key++)
        {
            if ((fields.HeaderCuts & (1 << (int)key)) != 0)
            {
                position += WriteName(LeefKeys.NameOf(key), destination[position..], ref first);
            }
        }

        for (var i = 0; i < fields.Count; i++)
        {
            if (fields[i].Cut)
            {
                position += WriteName(fields[i].KeyName, destination[position..], ref first);
            }
        }

        return position;
    }

    private static int WriteName(string name, Span<byte> destination, ref bool first)
    {
        var position = 0;
        if (!first)
        {
            destination[position++] = (byte)',';
        }

        first = false;
        for (var i = 0; i < name.Length; i++)
        {
            destination[position++] = (byte)name[i];
        }

        return position;
    }

    private static string Shorten(string id) => id.Length <= 100 ? id : id[..ValueShortener.CutLength(id, 100)] + ValueShortener.Marker;
}
