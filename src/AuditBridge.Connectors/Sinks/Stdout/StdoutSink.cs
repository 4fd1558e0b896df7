using AuditBridge.Events;

namespace AuditBridge.Sinks.Stdout;

/// <summary>
/// Writes records to a stream (the process's standard output): the format's file header once, then one framed
/// record per event; one write and one flush per batch.
/// </summary>
internal sealed class StdoutSink : ISink
{
    private readonly Stream _output;
    private readonly ReadOnlyMemory<byte> _fileHeader;
    private readonly SinkGate _gate;
    private bool _headerWritten;

    public StdoutSink(Stream output, ReadOnlyMemory<byte> fileHeader, BatchEncoder encoder)
    {
        _output = output;
        _fileHeader = fileHeader;
        _gate = new SinkGate(this, encoder, SendAsync, FlushAsync);
    }

    /// <inheritdoc/>
    /// <remarks>Flushed into the pipe or terminal: whatever reads standard output owns the data from there.</remarks>
    public DeliveryGuarantee Guarantee => DeliveryGuarantee.AtLeastOnce;

    /// <inheritdoc/>
    public SinkStatistics Statistics => _gate.Statistics;

    /// <inheritdoc/>
    public ValueTask WriteAsync(IReadOnlyList<AuditEvent> batch, CancellationToken cancellationToken) =>
        _gate.WriteAsync(batch, cancellationToken);

    public ValueTask DisposeAsync() => _gate.DisposeAsync();

    private async ValueTask SendAsync(IReadOnlyList<AuditEvent> batch, BatchEncoder encoder, CancellationToken cancellationToken)
    {
        try
        {
            if (!_headerWritten && !_fileHeader.IsEmpty)
            {
                await _output.WriteAsync(_fileHeader, cancellationToken);
            }

            _headerWritten = true;
            await _output.WriteAsync(encoder.Batch, cancellationToken);
            await _output.FlushAsync(cancellationToken);
        }
        catch (Exception error) when (error is IOException or ObjectDisposedException or NotSupportedException)
        {
            // Typically a broken pipe: the reader (| head, a closed terminal) is gone and will not come back.
            throw new SinkException($"Cannot write to standard output: {error.Message}", isTransient: false, error);
        }
    }

    private async ValueTask FlushAsync()
    {
        // The stream belongs to the caller (it is the process's stdout): flushed, never closed.
        try
        {
            await _output.FlushAsync();
        }
        catch (Exception error) when (error is IOException or ObjectDisposedException)
        {
            // Nothing is buffered here; a failing flush at shutdown has nobody left to tell.
        }
    }
}
