using System.Buffers;
using System.Text;

namespace AuditBridge.Framing;

/// <summary>
/// Writes the syslog header in front of one record, allocation-free: every configured field is sanitized and
/// encoded once, here; per record only PRI and the timestamp are computed.
/// </summary>
/// <remarks>
/// The timestamp is the <b>event time</b> (UTC), not the send time: it is what a SIEM should index, and it makes
/// the bytes on the wire a pure function of the event, so a replayed or retried batch is byte-identical.
/// </remarks>
internal sealed class SyslogHeaderWriter
{
    /// <summary>The RFC 3164 TAG used when the APP-NAME is empty.</summary>
    public const string DefaultAppName = "auditbridge";

    // "yyyy-MM-ddTHH:mm:ss.fffZ" and "Mmm dd HH:mm:ss"
    private const int Rfc5424TimestampLength = 24;
    private const int Rfc3164TimestampLength = 15;

    private static readonly byte[][] MonthNames =
        [.. new[] { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" }.Select(Encoding.ASCII.GetBytes)];

    private readonly SyslogFacility _facility;

    // RFC 5424: " HOSTNAME APP-NAME PROCID MSGID - " after the timestamp.
    private readonly byte[] _rfc5424Fields;

    // RFC 3164: " HOSTNAME " after the timestamp, then "TAG: " or "TAG[PROCID]: " unless the record is CEF/LEEF.
    private readonly byte[] _rfc3164Host;
    private readonly byte[] _rfc3164Tag;

    public SyslogHeaderWriter(
        SyslogHeaderFormat format,
        SyslogFacility facility,
        string? hostName,
        string? appName = DefaultAppName,
        string? procId = null,
        string? msgId = null)
    {
        if (!Enum.IsDefined(facility))
        {
            throw new ArgumentOutOfRangeException(nameof(facility), facility, "Unknown syslog facility.");
        }

        if (!Enum.IsDefined(format))
        {
            throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown syslog header format.");
        }

        Format = format;
        _facility = facility;
        HostName = SyslogHeaderField.Sanitize(hostName, SyslogHeaderField.MaxHostName);
        AppName = SyslogHeaderField.Sanitize(appName, SyslogHeaderField.MaxAppName);
        ProcId = SyslogHeaderField.Sanitize(procId, SyslogHeaderField.MaxProcId);
        MsgId = SyslogHeaderField.Sanitize(msgId, SyslogHeaderField.MaxMsgId);
        Tag = SyslogHeaderField.SanitizeTag(appName, DefaultAppName);

        _rfc5424Fields = Encoding.ASCII.GetBytes($" {HostName} {AppName} {ProcId} {MsgId} - ");
        _rfc3164Host = Encoding.ASCII.GetBytes($" {HostName} ");
        _rfc3164Tag = Encoding.ASCII.GetBytes(
            ProcId == SyslogHeaderField.NilValue ? $"{Tag}: " : $"{Tag}[{ProcId}]: ");
    }

    public SyslogHeaderFormat Format { get; }

    /// <summary>The HOSTNAME as written (sanitized).</summary>
    public string HostName { get; }

    /// <summary>The RFC 5424 APP-NAME as written (sanitized).</summary>
    public string AppName { get; }

    /// <summary>The RFC 5424 PROCID as written (sanitized).</summary>
    public string ProcId { get; }

    /// <summary>The RFC 5424 MSGID as written (sanitized).</summary>
    public string MsgId { get; }

    /// <summary>The RFC 3164 TAG as written for records that are not CEF or LEEF.</summary>
    public string Tag { get; }

    /// <summary>
    /// True when the record is CEF or LEEF: in an RFC 3164 header it then follows the hostname directly, so
    /// <c>CEF:</c> sits in the TAG slot (reference cef-syslog.md §0.10, §1.9).
    /// </summary>
    public static bool IsCefOrLeef(ReadOnlySpan<byte> record) =>
        record.StartsWith("CEF:"u8) || record.StartsWith("LEEF:"u8);

    /// <summary>The header length for a record of this severity and kind, without writing it.</summary>
    public int GetLength(int eventSeverity, ReadOnlySpan<byte> record) => Format switch
    {
        SyslogHeaderFormat.Rfc5424 => PriLength(eventSeverity) + 2 + Rfc5424TimestampLength + _rfc5424Fields.Length,
        SyslogHeaderFormat.Rfc3164 => PriLength(eventSeverity) + Rfc3164TimestampLength + _rfc3164Host.Length
            + (IsCefOrLeef(record) ? 0 : _rfc3164Tag.Length),
        _ => 0,
    };

    /// <summary>The shortest header any record of this severity gets (a CEF or LEEF record).</summary>
    public int GetMinimumLength(int eventSeverity) => GetLength(eventSeverity, "CEF:"u8);

    /// <summary>Writes the header for <paramref name="record"/> (which is only inspected, not written).</summary>
    /// <returns>The number of bytes written.</returns>
    public int WriteHeader(IBufferWriter<byte> output, DateTimeOffset time, int eventSeverity, ReadOnlySpan<byte> record)
    {
        var length = GetLength(eventSeverity, record);
        if (length == 0)
        {
            return 0;
        }

        var span = output.GetSpan(length);
        var pri = SyslogPriority.Compute(_facility, SyslogPriority.FromEventSeverity(eventSeverity));
        var at = WritePri(span, pri);
        var utc = time.UtcDateTime;
        if (Format == SyslogHeaderFormat.Rfc5424)
        {
            span[at++] = (byte)'1';
            span[at++] = (byte)' ';
            at += WriteRfc5424Timestamp(span[at..], utc);
            _rfc5424Fields.CopyTo(span[at..]);
            at += _rfc5424Fields.Length;
        }
        else
        {
            at += WriteRfc3164Timestamp(span[at..], utc);
            _rfc3164Host.CopyTo(span[at..]);
            at += _rfc3164Host.Length;
            if (!IsCefOrLeef(record))
            {
                _rfc3164Tag.CopyTo(span[at..]);
                at += _rfc3164Tag.Length;
            }
        }

        output.Advance(at);
        return at;
    }

    /// <summary>Writes header and record: one complete syslog message, ready for a framer.</summary>
    /// <returns>The number of bytes written.</returns>
    public int WriteMessage(IBufferWriter<byte> output, DateTimeOffset time, int eventSeverity, ReadOnlySpan<byte> record)
    {
        var header = WriteHeader(output, time, eventSeverity, record);
        output.Write(record);
        return header + record.Length;
    }

    private int PriLength(int eventSeverity)
    {
        var pri = SyslogPriority.Compute(_facility, SyslogPriority.FromEventSeverity(eventSeverity));
        return 2 + (pri >= 100 ? 3 : pri >= 10 ? 2 : 1);
    }

    private static int WritePri(Span<byte> span, int pri)
    {
        span[0] = (byte)'<';
        var at = 1;
        if (pri >= 100)
        {
            span[at++] = (byte)('0' + (pri / 100));
        }

        if (pri >= 10)
        {
            span[at++] = (byte)('0' + (pri / 10 % 10));
        }

        span[at++] = (byte)('0' + (pri % 10));
        span[at++] = (byte)'>';
        return at;
    }

    // RFC 5424 §6.2.3 / RFC 3339: 2024-05-03T10:41:07.000Z. Written digit by digit: no culture, no allocation.
    private static int WriteRfc5424Timestamp(Span<byte> span, DateTime utc)
    {
        WriteDigits(span[..4], utc.Year);
        span[4] = (byte)'-';
        WriteDigits(span.Slice(5, 2), utc.Month);
        span[7] = (byte)'-';
        WriteDigits(span.Slice(8, 2), utc.Day);
        span[10] = (byte)'T';
        WriteDigits(span.Slice(11, 2), utc.Hour);
        span[13] = (byte)':';
        WriteDigits(span.Slice(14, 2), utc.Minute);
        span[16] = (byte)':';
        WriteDigits(span.Slice(17, 2), utc.Second);
        span[19] = (byte)'.';
        WriteDigits(span.Slice(20, 3), utc.Millisecond);
        span[23] = (byte)'Z';
        return Rfc5424TimestampLength;
    }

    // RFC 3164 §4.1.2: "Nov  2 03:04:05": English month, day padded with a space, no year, no zone.
    private static int WriteRfc3164Timestamp(Span<byte> span, DateTime utc)
    {
        MonthNames[utc.Month - 1].CopyTo(span);
        span[3] = (byte)' ';
        span[4] = utc.Day < 10 ? (byte)' ' : (byte)('0' + (utc.Day / 10));
        span[5] = (byte)('0' + (utc.Day % 10));
        span[6] = (byte)' ';
        WriteDigits(span.Slice(7, 2), utc.Hour);
        span[9] = (byte)':';
        WriteDigits(span.Slice(10, 2), utc.Minute);
        span[12] = (byte)':';
        WriteDigits(span.Slice(13, 2), utc.Second);
        return Rfc3164TimestampLength;
    }

    private static void WriteDigits(Span<byte> span, int value)
    {
        for (var i = span.Length - 1; i >= 0; i--)
        {
            span[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }
}
