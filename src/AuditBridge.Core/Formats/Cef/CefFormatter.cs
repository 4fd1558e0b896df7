using System.Buffers;
using System.Buffers.Text;
using AuditBridge.Events;

namespace AuditBridge.Formats.Cef;

/// <summary>
/// ArcSight CEF:0 records (docs/formats/cef.md). Stateless: a call builds the record's fields on the stack, pointing
/// at the event's own strings and bytes, and escapes them straight into the output span.
/// </summary>
/// <remarks>
/// One pass in the common case: the record is written into the span the output hands out and committed only if it
/// fits <c>maxBytes</c>. Otherwise nothing is committed, the sizes measured while writing pick the values to shorten,
/// and the record is written again.
/// </remarks>
internal sealed partial class CefFormatter : IEventFormatter
{
    // Upper bound for the flexString2 record: every key name once, commas, key and label.
    private const int TruncationRecordBound = 1024;

    private static readonly byte[] FlexString2Key = " flexString2="u8.ToArray();
    private static readonly byte[] FlexString2LabelPair = " flexString2Label=truncated"u8.ToArray();

    private readonly bool _dropboxBlog;

    public CefFormatter(CefFormatterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.Equals(options.Profile, CefProfiles.DropboxBlog, StringComparison.OrdinalIgnoreCase))
        {
            _dropboxBlog = true;
        }
        else if (!string.Equals(options.Profile, CefProfiles.Default, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                $"Unknown CEF profile '{options.Profile}'; expected one of: {string.Join(", ", CefProfiles.All)}.", nameof(options));
        }
    }

    /// <inheritdoc/>
    public string Name => "cef";

    /// <inheritdoc/>
    public FormatResult Format(AuditEvent auditEvent, IBufferWriter<byte> output, int maxBytes = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);

        var prefix = CefHeaders.PrefixFor(auditEvent.Vendor, out var truncated);
        var buffer = default(CefFieldBuffer);
        var fields = new CefFieldList(buffer, truncated);
        if (_dropboxBlog)
        {
            BuildDropboxBlog(auditEvent, ref fields);
        }
        else
        {
            BuildDefault(auditEvent, ref fields);
        }

        var severity = Math.Clamp(auditEvent.Severity, 0, 10);
        var written = Write(output.GetSpan(UpperBound(prefix, ref fields)), prefix, severity, ref fields);
        var shortened = 0;
        if (written > maxBytes)
        {
            shortened = FitToBudget(ref fields, prefix.Length, written, maxBytes, auditEvent.Id);
            written = Write(output.GetSpan(UpperBound(prefix, ref fields)), prefix, severity, ref fields);
            if (written > maxBytes)
            {
                // FitToBudget measures exactly what Write writes; reaching this is a bug, never a silent overrun.
                throw new RecordTooLargeException(
                    $"The CEF record of event '{Shorten(auditEvent.Id)}' came out at {written} bytes after shortening; the budget is {maxBytes} bytes.");
            }
        }

        output.Advance(written);
        return new FormatResult(written, shortened);
    }

    private static int UpperBound(byte[] prefix, ref CefFieldList fields)
    {
        var bound = prefix.Length + 8 + TruncationRecordBound;
        for (var i = 0; i < fields.Count; i++)
        {
            ref var field = ref fields[i];
            bound += 1 + CefKeys.PrefixOf(field.Key).Length + field.Kind switch
            {
                CefValueKind.Text => (field.Length * CefEscaper.MaxBytesPerChar) + ValueShortener.MarkerUtf8.Length,
                CefValueKind.Utf8 => field.Utf8.Length * CefEscaper.MaxBytesPerByte,
                _ => 64,
            };
        }

        return bound;
    }

    private static int Write(Span<byte> destination, byte[] prefix, int severity, ref CefFieldList fields)
    {
        prefix.CopyTo(destination);
        var position = prefix.Length;

        // Fields 0 and 1 are always the event class id and the name.
        position += WriteValue(ref fields[0], destination[position..], header: true);
        destination[position++] = (byte)'|';
        position += WriteValue(ref fields[1], destination[position..], header: true);
        destination[position++] = (byte)'|';
        if (severity == 10)
        {
            destination[position++] = (byte)'1';
            destination[position++] = (byte)'0';
        }
        else
        {
            destination[position++] = (byte)('0' + severity);
        }

        // The 7th pipe is written even when the extension is empty: strict parsers require it (reference §0.1).
        destination[position++] = (byte)'|';

        for (var i = 2; i < fields.Count; i++)
        {
            ref var field = ref fields[i];
            if (i > 2)
            {
                destination[position++] = (byte)' ';
            }

            var key = CefKeys.PrefixOf(field.Key);
            key.CopyTo(destination[position..]);
            position += key.Length;
            position += WriteValue(ref field, destination[position..], header: false);
        }

        if (fields.Truncated != 0)
        {
            position += WriteTruncationRecord(destination[position..], fields.Truncated, leadingSpace: fields.Count > 2);
        }

        return position;
    }

    private static int WriteValue(ref CefField field, Span<byte> destination, bool header)
    {
        int written;
        switch (field.Kind)
        {
            case CefValueKind.Text:
                var text = field.Text.AsSpan(0, field.Length);
                written = header ? CefEscaper.WriteHeader(text, destination) : CefEscaper.WriteExtension(text, destination);
                if (field.Marker)
                {
                    ValueShortener.MarkerUtf8.CopyTo(destination[written..]);
                    written += ValueShortener.MarkerUtf8.Length;
                }

                break;
            case CefValueKind.Utf8:
                written = CefEscaper.WriteExtension(field.Utf8.Span, destination);
                break;
            case CefValueKind.Number:
                Utf8Formatter.TryFormat(field.Number, destination, out written);
                break;
            default:
                field.Address!.TryFormat(destination, out written);
                break;
        }

        field.Written = written;
        return written;
    }

    /// <summary><c>flexString2=&lt;keys&gt; flexString2Label=truncated</c>, keys in <see cref="CefKey"/> order.</summary>
    private static int WriteTruncationRecord(Span<byte> destination, ulong truncated, bool leadingSpace)
    {
        var position = 0;
        var key = leadingSpace ? FlexString2Key.AsSpan() : FlexString2Key.AsSpan(1);
        key.CopyTo(destination);
        position += key.Length;
        var first = true;
        for (var cefKey = (CefKey)0; (int)cefKey < CefKeys.Count; cefKey++)
        {
            if ((truncated & CefFieldList.Bit(cefKey)) == 0)
            {
                continue;
            }

            if (!first)
            {
                destination[position++] = (byte)',';
            }

            first = false;
            var name = CefKeys.NameOf(cefKey);
            for (var i = 0; i < name.Length; i++)
            {
                destination[position++] = (byte)name[i];
            }
        }

        FlexString2LabelPair.CopyTo(destination[position..]);
        return position + FlexString2LabelPair.Length;
    }

    private static string Shorten(string id) => id.Length <= 100 ? id : id[..ValueShortener.CutLength(id, 100)] + ValueShortener.Marker;
}
