using AuditBridge.Events;
using AuditBridge.Formats;
using AuditBridge.Framing;

namespace AuditBridge.Sinks;

/// <summary>
/// Formats, wraps in an envelope (syslog header, HEC event object), and frames a whole batch into one contiguous
/// buffer, so a stream sink hands it off in one write and a datagram or HTTP sink sends slices of it. One instance
/// per sink, not thread-safe.
/// </summary>
internal sealed class BatchEncoder : IDisposable
{
    private readonly IEventFormatter _formatter;
    private readonly IRecordEnvelope? _envelope;
    private readonly IFramer _framer;
    private readonly int _maxMessageBytes;
    private readonly string _limitAdvice;
    private readonly PooledBufferWriter _record = new();
    private readonly PooledBufferWriter _message = new();
    private readonly PooledBufferWriter _batch = new();
    private readonly List<EncodedRecord> _records = [];

    /// <param name="formatter">Writes one record per event.</param>
    /// <param name="envelope">
    /// What goes around each record (a syslog header, a HEC event), or null for bare records (file, stdout); disposed
    /// with the encoder when it is disposable.
    /// </param>
    /// <param name="framer">Delimits each message in the batch buffer.</param>
    /// <param name="maxMessageBytes">
    /// Largest message (envelope + record, framing excluded); the formatter is asked to shorten values to fit.
    /// <see cref="int.MaxValue"/> means no limit.
    /// </param>
    /// <param name="limitAdvice">
    /// The fix named when an event cannot be made to fit, one sentence; null for the syslog advice.
    /// </param>
    public BatchEncoder(IEventFormatter formatter, IRecordEnvelope? envelope, IFramer framer, int maxMessageBytes = int.MaxValue, string? limitAdvice = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxMessageBytes);
        _formatter = formatter;
        _envelope = envelope;
        _framer = framer;
        _maxMessageBytes = maxMessageBytes;
        _limitAdvice = limitAdvice ?? "Raise the limit (MaxDatagramBytes for UDP, MaxMessageBytes for TCP/TLS) or use TCP/TLS.";
    }

    /// <summary>The framed records of the last <see cref="Encode"/>, back to back.</summary>
    public ReadOnlyMemory<byte> Batch => _batch.WrittenMemory;

    /// <summary>Where each record of the last <see cref="Encode"/> sits in <see cref="Batch"/>, in batch order.</summary>
    public IReadOnlyList<EncodedRecord> Records => _records;

    /// <summary>Encodes <paramref name="events"/>, replacing what the previous call produced.</summary>
    /// <exception cref="SinkException">
    /// Permanent: an event cannot be made to fit <c>maxMessageBytes</c>. Nothing of the batch has been sent.
    /// </exception>
    public void Encode(IReadOnlyList<AuditEvent> events)
    {
        _batch.Clear();
        _records.Clear();
        foreach (var auditEvent in events)
        {
            var shortened = FormatRecord(auditEvent);
            var start = _batch.WrittenCount;
            if (_envelope is null)
            {
                _framer.Frame(_record.WrittenSpan, _batch);
            }
            else
            {
                _message.Clear();
                _envelope.Write(_message, auditEvent, _record.WrittenSpan);
                _framer.Frame(_message.WrittenSpan, _batch);
            }

            _records.Add(new EncodedRecord(start, _batch.WrittenCount - start, shortened));
        }

        _record.Clear();
        _message.Clear();
    }

    public void Dispose()
    {
        _record.Dispose();
        _message.Dispose();
        _batch.Dispose();
        (_envelope as IDisposable)?.Dispose();
    }

    // Returns whether values were shortened. The envelope's length may depend on the record (RFC 3164 adds a TAG
    // unless the record is CEF or LEEF), so the record is formatted against the shortest envelope first and
    // formatted again, against its real envelope, only when it then does not fit.
    private bool FormatRecord(AuditEvent auditEvent)
    {
        if (_maxMessageBytes == int.MaxValue)
        {
            // No limit: no budget either, so formatters take their direct path (a budget makes them measure first).
            _record.Clear();
            return _formatter.Format(auditEvent, _record).ShortenedValues > 0;
        }

        var headerLength = _envelope?.GetMinimumLength(auditEvent) ?? 0;
        var result = FormatWithin(auditEvent, _maxMessageBytes - headerLength);
        if (_envelope is not null)
        {
            var actualHeader = _envelope.GetLength(auditEvent, _record.WrittenSpan);
            if (actualHeader != headerLength && (long)actualHeader + _record.WrittenCount > _maxMessageBytes)
            {
                headerLength = actualHeader;
                result = FormatWithin(auditEvent, _maxMessageBytes - headerLength);
            }

            headerLength = actualHeader;
        }

        // Trust, but verify: a formatter that ignored its budget must not produce an oversized datagram.
        var total = (long)headerLength + _record.WrittenCount;
        if (total > _maxMessageBytes)
        {
            throw TooLarge(auditEvent, $"the formatter returned {total} bytes (header included)", inner: null);
        }

        return result.ShortenedValues > 0;
    }

    private FormatResult FormatWithin(AuditEvent auditEvent, int budget)
    {
        _record.Clear();
        if (budget <= 0)
        {
            throw TooLarge(auditEvent, "the header alone fills the limit", inner: null);
        }

        try
        {
            return _formatter.Format(auditEvent, _record, budget);
        }
        catch (RecordTooLargeException error)
        {
            throw TooLarge(auditEvent, error.Message, error);
        }
    }

    private SinkException TooLarge(AuditEvent auditEvent, string detail, Exception? inner) => new(
        $"Event '{auditEvent.Id}' cannot be made to fit the {_maxMessageBytes}-byte message limit of this sink ({detail}). "
        + _limitAdvice + " Nothing of this batch was sent.",
        isTransient: false,
        inner);
}
