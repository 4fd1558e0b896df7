using System.Buffers;
using System.Buffers.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using AuditBridge.Events;

namespace AuditBridge.Sinks.Http;

/// <summary>
/// Wraps each record in a Splunk HEC event object (JSON event protocol, "Format events for HTTP Event Collector"):
/// <c>{"time":1714732867.123,"host":"…","source":"…","sourcetype":"…","index":"…","event":…}</c>. The event is the
/// record itself when it is a JSON object (the <c>json</c> format), else the record as a JSON string (CEF, LEEF).
/// </summary>
/// <remarks>
/// <c>time</c> is the event time (when it happened), in epoch seconds with milliseconds, so Splunk indexes the event
/// at its real time even when it is delivered late or replayed, and a retried batch is byte-identical.
/// </remarks>
internal sealed class HecEnvelope : IRecordEnvelope, IDisposable
{
    // Not HTML: only what JSON requires is escaped, so non-ASCII text stays readable (as in the json format).
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonEncodedText TimeName = JsonEncodedText.Encode("time");
    private static readonly JsonEncodedText HostName = JsonEncodedText.Encode("host");
    private static readonly JsonEncodedText SourceName = JsonEncodedText.Encode("source");
    private static readonly JsonEncodedText SourcetypeName = JsonEncodedText.Encode("sourcetype");
    private static readonly JsonEncodedText IndexName = JsonEncodedText.Encode("index");
    private static readonly JsonEncodedText EventName = JsonEncodedText.Encode("event");

    private readonly string _host;
    private readonly string? _source;
    private readonly string? _sourcetype;
    private readonly string? _index;
    private readonly bool _recordIsJson;
    private readonly Utf8JsonWriter _writer = new(new ArrayBufferWriter<byte>(1), WriterOptions);
    private readonly ArrayBufferWriter<byte> _measure = new();

    /// <param name="host">The <c>host</c> of every event.</param>
    /// <param name="source">The <c>source</c> of every event, or null for the event's own source name.</param>
    /// <param name="sourcetype">The <c>sourcetype</c>, or null to leave it out.</param>
    /// <param name="index">The <c>index</c>, or null to leave it out (the token's default index).</param>
    /// <param name="recordIsJson">True when each record is a JSON object to embed as it is.</param>
    public HecEnvelope(string host, string? source, string? sourcetype, string? index, bool recordIsJson)
    {
        _host = host;
        _source = source;
        _sourcetype = sourcetype;
        _index = index;
        _recordIsJson = recordIsJson;
    }

    public int GetMinimumLength(AuditEvent auditEvent) => GetLength(auditEvent, _recordIsJson ? "{}"u8 : []);

    public int GetLength(AuditEvent auditEvent, ReadOnlySpan<byte> record)
    {
        // Only asked for when a sink gives records a byte budget; the http sink does not, so clarity beats speed here.
        _measure.Clear();
        Write(_measure, auditEvent, record);
        return _measure.WrittenCount - record.Length;
    }

    public void Write(IBufferWriter<byte> output, AuditEvent auditEvent, ReadOnlySpan<byte> record)
    {
        _writer.Reset(output);
        _writer.WriteStartObject();
        _writer.WritePropertyName(TimeName);
        _writer.WriteRawValue(EpochSeconds(auditEvent.Time, stackalloc byte[32]), skipInputValidation: true);
        _writer.WriteString(HostName, _host);
        _writer.WriteString(SourceName, _source ?? auditEvent.Source);
        if (_sourcetype is not null)
        {
            _writer.WriteString(SourcetypeName, _sourcetype);
        }

        if (_index is not null)
        {
            _writer.WriteString(IndexName, _index);
        }

        _writer.WritePropertyName(EventName);
        if (_recordIsJson)
        {
            // The json formatter writes one valid, compact object; checking it again would parse every record twice.
            _writer.WriteRawValue(record, skipInputValidation: true);
        }
        else
        {
            _writer.WriteStringValue(record);
        }

        _writer.WriteEndObject();
        _writer.Flush();
    }

    public void Dispose() => _writer.Dispose();

    // "1714732867.123": seconds, a dot, three digits of milliseconds (HEC's "<sec>.<ms>"), never an exponent.
    private static ReadOnlySpan<byte> EpochSeconds(DateTimeOffset time, Span<byte> buffer)
    {
        var milliseconds = time.ToUnixTimeMilliseconds();
        var magnitude = Math.Abs(milliseconds);
        var at = 0;
        if (milliseconds < 0)
        {
            buffer[at++] = (byte)'-';
        }

        Utf8Formatter.TryFormat(magnitude / 1000, buffer[at..], out var written);
        at += written;
        buffer[at++] = (byte)'.';
        Utf8Formatter.TryFormat(magnitude % 1000, buffer[at..], out written, new StandardFormat('D', 3));
        return buffer[..(at + written)];
    }
}
