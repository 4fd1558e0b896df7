using System.Buffers;
using System.Buffers.Text;
using AuditBridge.Events;

namespace AuditBridge.Formats.KeyValue;

/// <summary>
/// The key=value record engine under CEF and LEEF (src/AuditBridge.Core/Formats/README.md). A record is the dialect's
/// signature, the vendor prefix, the layout's header fields, each ended by a pipe, the extension values as
/// <c>key=value</c> separated by the dialect's separator, and, when anything was cut, the truncation record naming the
/// cut keys. Stateless apart from what it is created with, and safe to share between threads.
/// </summary>
/// <remarks>
/// One pass in the common case: the fields are built on the stack pointing at the event's own strings and bytes, and
/// escaped straight into the span the output hands out, which is committed only if the record fits
/// <c>maxBytes</c>. Otherwise nothing is committed, the sizes measured while writing pick the values to shorten
/// (<see cref="FitToBudget"/>), and the record is written again.
/// </remarks>
internal sealed partial class KeyValueRecordWriter<TKey>
    where TKey : unmanaged, Enum
{
    private readonly KeyValueDialect<TKey> _dialect;
    private readonly KeyValueVendorPrefixes<TKey> _prefixes;

    /// <exception cref="ArgumentException">
    /// A vendor is listed twice in <paramref name="products"/>, or the dialect's JSON measure does not match how it
    /// writes JSON.
    /// </exception>
    public KeyValueRecordWriter(KeyValueDialect<TKey> dialect, IReadOnlyList<VendorProduct> products)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        CheckJsonMeasure(dialect);
        _dialect = dialect;
        _prefixes = new KeyValueVendorPrefixes<TKey>(dialect, products);
    }

    /// <summary>Writes the record of <paramref name="auditEvent"/> laid out by <paramref name="layout"/>; see <see cref="IEventFormatter.Format"/>.</summary>
    public FormatResult Write(AuditEvent auditEvent, IBufferWriter<byte> output, int maxBytes, IKeyValueLayout<TKey> layout)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);

        var prefix = _prefixes.For(auditEvent.Vendor, out var prefixCuts);
        var buffer = default(KeyValueFieldBuffer);
        var maxFields = layout.MaxFields(auditEvent);
        var storage = maxFields <= KeyValueFieldBuffer.Capacity ? (Span<KeyValueField>)buffer : new KeyValueField[maxFields];
        var fields = new KeyValueFieldList<TKey>(storage, _dialect, prefixCuts);
        layout.Build(auditEvent, ref fields);

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
                    $"The {_dialect.Name} record of event '{Shorten(auditEvent.Id)}' came out at {written} bytes after shortening; the budget is {maxBytes} bytes.");
            }
        }

        output.Advance(written);
        return new FormatResult(written, shortened);
    }

    private static void CheckJsonMeasure(KeyValueDialect<TKey> dialect)
    {
        // The budget shrinks JSON by its wire size in this unit; a unit that disagrees with the escaping would let a
        // shortened record overrun its budget (caught by Write's check, but as an error instead of a record).
        Span<byte> one = stackalloc byte[1];
        for (var b = 0; b < 0x80; b++)
        {
            one[0] = (byte)b;
            var wire = dialect.EscapesJson ? dialect.Values.CostOf((byte)b) : 1;
            if (JsonShrinker.Measure(one, dialect.JsonWireMeasure) != wire)
            {
                throw new ArgumentException(
                    $"The {dialect.Name} dialect measures JSON in {dialect.JsonWireMeasure}, which does not count byte 0x{b:X2} as it is written.", nameof(dialect));
            }
        }
    }

    private int UpperBound(byte[] prefix, ref KeyValueFieldList<TKey> fields)
    {
        // The truncation record: separator, opening, closing, and the names of cut vendor prefix fields (short).
        var bound = prefix.Length + 1 + _dialect.TruncationOpening.Length + _dialect.TruncationClosing.Length + 64;
        for (var i = 0; i < fields.Count; i++)
        {
            ref var field = ref fields[i];
            var header = i < fields.HeaderCount;
            var name = field.Name?.Length ?? _dialect.PrefixOf(field.Key).Length;

            // Separator or pipe, key and '=', and the name once more (with a comma) in the truncation record.
            bound += 2 + (2 * name) + field.Kind switch
            {
                KeyValueValueKind.Text => (field.Length * (header ? _dialect.Header : _dialect.Values).MaxBytesPerChar) + ValueShortener.MarkerUtf8.Length,
                KeyValueValueKind.Literal => field.Utf8.Length,
                KeyValueValueKind.Json => field.Utf8.Length * (_dialect.EscapesJson ? _dialect.Values.MaxBytesPerByte : 1),
                _ => 80,
            };
        }

        return bound;
    }

    private int Write(Span<byte> destination, byte[] prefix, ref KeyValueFieldList<TKey> fields)
    {
        prefix.CopyTo(destination);
        var position = prefix.Length;
        for (var i = 0; i < fields.HeaderCount; i++)
        {
            position += WriteValue(ref fields[i], destination[position..], _dialect.Header);
            destination[position++] = (byte)'|';
        }

        for (var i = fields.HeaderCount; i < fields.Count; i++)
        {
            ref var field = ref fields[i];
            if (i > fields.HeaderCount)
            {
                destination[position++] = _dialect.Separator;
            }

            position += WriteKey(ref field, destination[position..]);
            position += WriteValue(ref field, destination[position..], _dialect.Values);
        }

        if (fields.CutKeys != 0)
        {
            position += WriteTruncationRecord(ref fields, destination[position..]);
        }

        return position;
    }

    private int WriteKey(ref KeyValueField field, Span<byte> destination)
    {
        if (field.Name is { } name)
        {
            // Names chosen per value are checked by the layout to be ASCII key characters.
            for (var i = 0; i < name.Length; i++)
            {
                destination[i] = (byte)name[i];
            }

            destination[name.Length] = (byte)'=';
            return name.Length + 1;
        }

        var key = _dialect.PrefixOf(field.Key);
        key.CopyTo(destination);
        return key.Length;
    }

    private int WriteValue(ref KeyValueField field, Span<byte> destination, KeyValueEscaping escaping)
    {
        int written;
        switch (field.Kind)
        {
            case KeyValueValueKind.Text:
                written = escaping.Write(field.Text.AsSpan(0, field.Length), destination);
                if (field.Marker)
                {
                    ValueShortener.MarkerUtf8.CopyTo(destination[written..]);
                    written += ValueShortener.MarkerUtf8.Length;
                }

                break;
            case KeyValueValueKind.Json when _dialect.EscapesJson:
                written = escaping.Write(field.Utf8.Span, destination);
                break;
            case KeyValueValueKind.Json or KeyValueValueKind.Literal:
                field.Utf8.Span.CopyTo(destination);
                written = field.Utf8.Length;
                break;
            case KeyValueValueKind.Number:
                Utf8Formatter.TryFormat(field.Number, destination, out written);
                break;
            default:
                field.Address!.TryFormat(destination, out written);
                break;
        }

        field.Written = written;
        return written;
    }

    /// <summary>
    /// <c>&lt;separator&gt;&lt;opening&gt;&lt;keys&gt;&lt;closing&gt;</c> (<c> flexString2=name,cs1 flexString2Label=truncated</c>,
    /// <c>^truncated=msg,details</c>): the cut keys, comma-separated, in key table order, and values sharing a key
    /// (LEEF sections) in wire order. The separator is left out when there is no extension value to separate from.
    /// </summary>
    private int WriteTruncationRecord(ref KeyValueFieldList<TKey> fields, Span<byte> destination)
    {
        var position = 0;
        if (fields.Count > fields.HeaderCount)
        {
            destination[position++] = _dialect.Separator;
        }

        _dialect.TruncationOpening.CopyTo(destination[position..]);
        position += _dialect.TruncationOpening.Length;
        var first = true;
        for (var key = 0; key < _dialect.KeyCount; key++)
        {
            if ((fields.CutKeys & (1UL << key)) == 0)
            {
                continue;
            }

            var listed = false;
            for (var i = 0; i < fields.Count; i++)
            {
                if (fields[i].Key == key && fields[i].Cut)
                {
                    position += WriteName(fields[i].Name ?? _dialect.NameOf(key), destination[position..], ref first);
                    listed = true;
                }
            }

            if (!listed)
            {
                // A vendor prefix field: it has no field of its own.
                position += WriteName(_dialect.NameOf(key), destination[position..], ref first);
            }
        }

        _dialect.TruncationClosing.CopyTo(destination[position..]);
        return position + _dialect.TruncationClosing.Length;
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
