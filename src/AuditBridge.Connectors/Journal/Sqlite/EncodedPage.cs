using System.Buffers;
using System.Text;
using AuditBridge.Events;

namespace AuditBridge.Journal.Sqlite;

/// <summary>
/// A page's events, checked and encoded for their row before the append takes the write gate: each event's body (the
/// journal codec) and its indicators column. Reused from page to page, so an append allocates no buffers.
/// </summary>
internal sealed class EncodedPage
{
    // Buffers that grew beyond this for an unusually large page are not kept for the next one.
    private const int RetainedCapacity = 8 * 1024 * 1024;

    private readonly ArrayBufferWriter<byte> _bodies = new(64 * 1024);
    private readonly ArrayBufferWriter<byte> _indicators = new(4 * 1024);
    private readonly List<AuditEvent> _events = [];

    // Where each event's body and indicators are in the buffers; an indicators start of -1 means none (a NULL column).
    private readonly List<(int BodyStart, int BodyEnd, int IndicatorsStart, int IndicatorsEnd)> _ranges = [];

    public int Count => _events.Count;

    public IReadOnlyList<AuditEvent> Events => _events;

    /// <summary>False once a page grew the buffers so large that keeping them for the next page would waste memory.</summary>
    public bool WorthKeeping => _bodies.Capacity <= RetainedCapacity && _indicators.Capacity <= RetainedCapacity;

    /// <summary>Checks and encodes <paramref name="events"/> (each read once, in order) as received at <paramref name="received"/>.</summary>
    /// <exception cref="ArgumentException">An event is null, has no id, or belongs to another source.</exception>
    public void Encode(string source, IReadOnlyList<AuditEvent> events, DateTimeOffset received)
    {
        for (var i = 0; i < events.Count; i++)
        {
            var auditEvent = events[i] ?? throw new ArgumentException($"Event {i} of the page is null.", nameof(events));
            Check(source, auditEvent, i);
            var bodyStart = _bodies.WrittenCount;
            AuditEventCodec.Encode(auditEvent, received, _bodies);
            var indicatorsStart = _indicators.WrittenCount;
            var hasIndicators = WriteIndicators(auditEvent.Indicators);
            _events.Add(auditEvent);
            _ranges.Add((bodyStart, _bodies.WrittenCount, hasIndicators ? indicatorsStart : -1, _indicators.WrittenCount));
        }
    }

    /// <summary>The encoded body of event <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> Body(int index)
    {
        var range = _ranges[index];
        return _bodies.WrittenSpan[range.BodyStart..range.BodyEnd];
    }

    /// <summary>The indicators of event <paramref name="index"/> as one UTF-8 text, one per line; false when it has none.</summary>
    public bool TryGetIndicators(int index, out ReadOnlySpan<byte> text)
    {
        var range = _ranges[index];
        text = range.IndicatorsStart < 0 ? default : _indicators.WrittenSpan[range.IndicatorsStart..range.IndicatorsEnd];
        return range.IndicatorsStart >= 0;
    }

    /// <summary>Forgets the page (keeps the buffers) and drops the references to its events.</summary>
    public void Clear()
    {
        _bodies.ResetWrittenCount();
        _indicators.ResetWrittenCount();
        _events.Clear();
        _ranges.Clear();
    }

    private static void Check(string source, AuditEvent auditEvent, int index)
    {
        if (string.IsNullOrEmpty(auditEvent.Id))
        {
            throw new ArgumentException($"Event {index} of the page has no id; the journal stores events by (source, id).");
        }

        if (!string.Equals(auditEvent.Source, source, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Event {index} of the page ({auditEvent.Id}) belongs to source '{auditEvent.Source}', not '{source}'.");
        }
    }

    /// <summary>The indicators for the console's free-text search (LIKE or FTS later); false when there are none.</summary>
    private bool WriteIndicators(IReadOnlyList<string>? indicators)
    {
        if (indicators is null || indicators.Count == 0)
        {
            return false;
        }

        for (var i = 0; i < indicators.Count; i++)
        {
            var indicator = indicators[i] ?? string.Empty;
            var span = _indicators.GetSpan(1 + Encoding.UTF8.GetMaxByteCount(indicator.Length));
            var written = 0;
            if (i > 0)
            {
                span[written++] = (byte)'\n';
            }

            written += Encoding.UTF8.GetBytes(indicator, span[written..]);
            _indicators.Advance(written);
        }

        return true;
    }
}
