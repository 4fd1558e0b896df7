using AuditBridge.Events;

namespace AuditBridge.Sinks;

/// <summary>
/// The part every sink shares: argument checks, one batch at a time, encoding, counting what was handed off, and a
/// dispose that waits for the batch in flight. A sink composes one and supplies only its transport: how an encoded
/// batch is sent, and how the transport is closed.
/// </summary>
/// <remarks>
/// Batches are serialised because interleaved writes would corrupt the framing of both (stream sinks) and because
/// the encoder's buffers are reused per batch. Dispose takes the same gate, so it never closes a transport under a
/// batch that is being written. A probe (<c>check --probe</c>) takes the gate too.
/// </remarks>
internal sealed class SinkGate : IAsyncDisposable
{
    private readonly object _owner;
    private readonly BatchEncoder _encoder;
    private readonly Func<IReadOnlyList<AuditEvent>, BatchEncoder, CancellationToken, ValueTask> _send;
    private readonly Func<ValueTask> _close;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _counted;
    private bool _disposed;

    /// <param name="owner">The sink, named by <see cref="ObjectDisposedException"/> after dispose.</param>
    /// <param name="encoder">Encodes each batch before <paramref name="send"/> sees it; disposed with the gate.</param>
    /// <param name="send">
    /// Hands the encoded batch off; completes only when all of it is delivered. Throws <see cref="SinkException"/>
    /// (classified) or <see cref="OperationCanceledException"/>. A transport that delivers in parts reports each part
    /// through <see cref="Delivered"/>, so parts that made it are counted even when a later one fails.
    /// </param>
    /// <param name="close">Closes the transport; called once, on the first dispose.</param>
    public SinkGate(
        object owner,
        BatchEncoder encoder,
        Func<IReadOnlyList<AuditEvent>, BatchEncoder, CancellationToken, ValueTask> send,
        Func<ValueTask> close)
    {
        _owner = owner;
        _encoder = encoder;
        _send = send;
        _close = close;
    }

    public SinkStatistics Statistics { get; } = new();

    /// <summary>Encodes and sends <paramref name="batch"/>, then counts every record of it.</summary>
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
            ObjectDisposedException.ThrowIf(_disposed, _owner);

            // Encoding first: a record that cannot be encoded fails the batch before any byte of it is handed off.
            _encoder.Encode(batch);
            _counted = 0;
            await _send(batch, _encoder, cancellationToken);
            Delivered(_encoder.Records.Count);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Runs a check of the destination (<see cref="ISinkProbe"/>) between batches, never beside one and never after
    /// dispose, so the probe may use the transport's settings and state like a batch does.
    /// </summary>
    public async ValueTask<string> ProbeAsync(Func<CancellationToken, ValueTask<string>> probe, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, _owner);
            return await probe(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Counts the records of the current batch up to (not including) index <paramref name="records"/> that were not
    /// counted yet. Called by <c>send</c> only, inside the gate.
    /// </summary>
    public void Delivered(int records)
    {
        var encoded = _encoder.Records;
        for (; _counted < records; _counted++)
        {
            Statistics.AddRecord(encoded[_counted].Length, encoded[_counted].Shortened);
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
                await _close();
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
