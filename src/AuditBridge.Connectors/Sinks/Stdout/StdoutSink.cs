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
    private readonly BatchEncoder _encoder;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _headerWritten;
    private bool _disposed;

    public StdoutSink(Stream output, ReadOnlyMemory<byte> fileHeader, BatchEncoder encoder)
    {
        _output = output;
        _fileHeader = fileHeader;
        _encoder = encoder;
    }

    /// <inheritdoc/>
    /// <remarks>Flushed into the pipe or terminal: whatever reads standard output owns the data from there.</remarks>
    public DeliveryGuarantee Guarantee => DeliveryGuarantee.AtLeastOnce;

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
            _encoder.Encode(batch);
            try
            {
                if (!_headerWritten && !_fileHeader.IsEmpty)
                {
                    await _output.WriteAsync(_fileHeader, cancellationToken);
                }

                _headerWritten = true;
                await _output.WriteAsync(_encoder.Batch, cancellationToken);
                await _output.FlushAsync(cancellationToken);
            }
            catch (Exception error) when (error is IOException or ObjectDisposedException or NotSupportedException)
            {
                // Typically a broken pipe: the reader (| head, a closed terminal) is gone and will not come back.
                throw new SinkException($"Cannot write to standard output: {error.Message}", isTransient: false, error);
            }

            foreach (var record in _encoder.Records)
            {
                Statistics.AddRecord(record.Length, record.Shortened);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (!_disposed)
            {
                _disposed = true;
                _encoder.Dispose();

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
        finally
        {
            _gate.Release();
        }
    }
}
