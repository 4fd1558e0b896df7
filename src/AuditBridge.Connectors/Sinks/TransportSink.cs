using System.Globalization;
using AuditBridge.Events;

namespace AuditBridge.Sinks;

/// <summary>
/// The one sink: every sink type is this class over its <see cref="ISinkTransport"/>. It owns what all of them share:
/// argument checks, one batch at a time, encoding (formatter, envelope, framing and size limit through the
/// <see cref="BatchEncoder"/>), statistics, what a failure may look like to the caller, and a dispose that waits for
/// the batch in flight.
/// </summary>
/// <remarks>
/// <para>
/// Batches are serialised because interleaved writes would corrupt the framing of both (stream transports) and because
/// the encoder's buffers are reused per batch. Dispose and probes take the same gate, so the transport is never closed
/// under a batch that is being written, and a probe never runs beside one.
/// </para>
/// <para>
/// Encoding comes first: a record that cannot be encoded fails the batch (permanent) before any byte of it is handed
/// off. A write ends in one of three ways: it completed, and every record is counted; a <see cref="SinkException"/>,
/// classified by the transport where the failure happened, with the records the transport reported delivered counted
/// and no others; or an <see cref="OperationCanceledException"/>, only when the caller's token asked for it. A
/// cancellation that the caller did not ask for (a timeout inside the transport that escaped its own handling) would
/// otherwise read as the stop to the delivery loop and end delivery without a word; it becomes a transient failure.
/// </para>
/// </remarks>
internal sealed class TransportSink : ISink, ISinkProbe
{
    private readonly ISinkTransport _transport;
    private readonly BatchEncoder _encoder;
    private readonly OutgoingBatch _batch;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _disposed;

    /// <param name="transport">Delivers the encoded batches; disposed with the sink.</param>
    /// <param name="encoder">Encodes each batch for <paramref name="transport"/>; disposed with the sink.</param>
    public TransportSink(ISinkTransport transport, BatchEncoder encoder)
    {
        _transport = transport;
        _encoder = encoder;
        _batch = new OutgoingBatch(encoder, Statistics);
    }

    /// <inheritdoc/>
    public DeliveryGuarantee Guarantee => _transport.Guarantee;

    /// <inheritdoc/>
    public SinkStatistics Statistics { get; } = new();

    /// <inheritdoc/>
    public async ValueTask WriteAsync(IReadOnlyList<AuditEvent> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _batch.Encode(batch);
            try
            {
                await _transport.SendAsync(_batch, cancellationToken);
            }
            catch (OperationCanceledException error) when (!cancellationToken.IsCancellationRequested)
            {
                throw new SinkException(
                    string.Create(CultureInfo.InvariantCulture, $"Sending {batch.Count} records to {_transport.Destination} was cancelled without a stop being asked for ({error.Message}). The batch will be sent again."),
                    isTransient: true,
                    error);
            }

            _batch.Delivered(_batch.Records.Count);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    /// <remarks>Runs between batches, never beside one and never after dispose.</remarks>
    public async ValueTask<string> ProbeAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return await _transport.ProbeAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Closes the transport once the batch in flight (if any) is done; later calls do nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            try
            {
                await _transport.DisposeAsync();
            }
            finally
            {
                _encoder.Dispose();
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
