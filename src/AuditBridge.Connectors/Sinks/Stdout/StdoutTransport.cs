namespace AuditBridge.Sinks.Stdout;

/// <summary>
/// Writes records to a stream (the process's standard output): the format's file header once, then the batch in
/// one write and one flush.
/// </summary>
internal sealed class StdoutTransport : ISinkTransport
{
    private readonly Stream _output;
    private readonly ReadOnlyMemory<byte> _fileHeader;
    private bool _headerWritten;

    public StdoutTransport(Stream output, ReadOnlyMemory<byte> fileHeader)
    {
        _output = output;
        _fileHeader = fileHeader;
    }

    /// <inheritdoc/>
    /// <remarks>Flushed into the pipe or terminal: whatever reads standard output owns the data from there.</remarks>
    public DeliveryGuarantee Guarantee => DeliveryGuarantee.AtLeastOnce;

    /// <inheritdoc/>
    public string Destination => "standard output";

    /// <inheritdoc/>
    public async ValueTask SendAsync(OutgoingBatch batch, CancellationToken cancellationToken)
    {
        try
        {
            if (!_headerWritten && !_fileHeader.IsEmpty)
            {
                await _output.WriteAsync(_fileHeader, cancellationToken);
            }

            _headerWritten = true;
            await _output.WriteAsync(batch.Bytes, cancellationToken);
            await _output.FlushAsync(cancellationToken);
        }
        catch (Exception error) when (error is IOException or ObjectDisposedException or NotSupportedException)
        {
            // Typically a broken pipe: the reader (| head, a closed terminal) is gone and will not come back.
            throw new SinkException($"Cannot write to standard output: {error.Message}", isTransient: false, error);
        }
    }

    /// <inheritdoc/>
    /// <remarks>Nothing to connect to: the stream was checked writable when the sink was created.</remarks>
    public ValueTask<string> ProbeAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult("opened; nothing to connect to before the first event");

    /// <summary>Flushes the stream, which belongs to the caller (it is the process's stdout): never closed.</summary>
    public async ValueTask DisposeAsync()
    {
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
