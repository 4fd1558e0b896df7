using AuditBridge.Events;

namespace AuditBridge.Sinks;

/// <summary>
/// The batch a <see cref="TransportSink"/> hands to its <see cref="ISinkTransport"/>: the events, their records
/// encoded back to back, and the count of what was delivered so far. One instance per sink, reused for every batch.
/// </summary>
internal sealed class OutgoingBatch
{
    private readonly BatchEncoder _encoder;
    private readonly SinkStatistics _statistics;
    private int _counted;

    public OutgoingBatch(BatchEncoder encoder, SinkStatistics statistics)
    {
        _encoder = encoder;
        _statistics = statistics;
    }

    /// <summary>The events of the batch, in order; record <c>i</c> of <see cref="Records"/> is event <c>i</c>.</summary>
    public IReadOnlyList<AuditEvent> Events { get; private set; } = [];

    /// <summary>Every framed record of the batch, back to back: what a stream or a file takes in one write.</summary>
    public ReadOnlyMemory<byte> Bytes => _encoder.Batch;

    /// <summary>Where each record sits in <see cref="Bytes"/>: what a datagram or a request takes a slice of.</summary>
    public IReadOnlyList<EncodedRecord> Records => _encoder.Records;

    /// <summary>
    /// Counts the records before index <paramref name="records"/> that were not counted yet: the transport says that
    /// the first <paramref name="records"/> records reached the destination. Counting is cumulative, so a transport
    /// reports each part once it is delivered and never has to remember what it reported.
    /// </summary>
    public void Delivered(int records)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(records, Records.Count);
        var encoded = Records;
        for (; _counted < records; _counted++)
        {
            _statistics.AddRecord(encoded[_counted].Length, encoded[_counted].Shortened);
        }
    }

    /// <summary>Encodes <paramref name="events"/> in place of the previous batch; nothing of it is counted yet.</summary>
    /// <exception cref="SinkException">Permanent: an event cannot be encoded within the transport's size limit.</exception>
    internal void Encode(IReadOnlyList<AuditEvent> events)
    {
        _counted = 0;
        Events = [];
        _encoder.Encode(events);
        Events = events;
    }
}
