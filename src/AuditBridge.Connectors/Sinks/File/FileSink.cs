using AuditBridge.Events;
using AuditBridge.Formats;

namespace AuditBridge.Sinks.File;

/// <summary>
/// Appends records to one file: the formatter's file header into a new or empty file, then one framed record
/// per event; one write per batch, then flush (and fsync when configured) before the write completes.
/// </summary>
/// <remarks>
/// Extension point for rotation (by size or day, coming later): the file is opened only in
/// <see cref="OpenAsync"/> and closed only in <see cref="CloseAsync"/>; rotation decides between batches whether to
/// close and open the next path, and a new file gets the header again through the same check.
/// </remarks>
internal sealed class FileSink : ISink
{
    private readonly string _path;
    private readonly bool _flushToDisk;
    private readonly ReadOnlyMemory<byte> _fileHeader;
    private readonly SinkGate _gate;
    private FileStream? _stream;

    public FileSink(string path, bool flushToDisk, IEventFormatter formatter, BatchEncoder encoder)
    {
        _path = path;
        _flushToDisk = flushToDisk;
        _fileHeader = formatter.FileHeader;
        _gate = new SinkGate(this, encoder, AppendAsync, CloseAsync);
    }

    /// <inheritdoc/>
    public DeliveryGuarantee Guarantee => DeliveryGuarantee.AtLeastOnce;

    /// <inheritdoc/>
    public SinkStatistics Statistics => _gate.Statistics;

    /// <inheritdoc/>
    public ValueTask WriteAsync(IReadOnlyList<AuditEvent> batch, CancellationToken cancellationToken) =>
        _gate.WriteAsync(batch, cancellationToken);

    public ValueTask DisposeAsync() => _gate.DisposeAsync();

    private async ValueTask AppendAsync(IReadOnlyList<AuditEvent> batch, BatchEncoder encoder, CancellationToken cancellationToken)
    {
        long? goodLength = null;
        try
        {
            var stream = _stream ?? await OpenAsync(cancellationToken);
            goodLength = stream.Length;
            if (goodLength == 0 && !_fileHeader.IsEmpty)
            {
                await stream.WriteAsync(_fileHeader, cancellationToken);
            }

            await stream.WriteAsync(encoder.Batch, cancellationToken);
            await stream.FlushAsync(cancellationToken);
            if (_flushToDisk)
            {
                stream.Flush(flushToDisk: true);
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or OperationCanceledException)
        {
            await AbandonBatchAsync(goodLength);
            if (error is OperationCanceledException)
            {
                throw;
            }

            var transient = FileErrors.IsTransient(error);
            throw new SinkException(
                $"Cannot append to '{_path}': {FileErrors.Describe(error)}."
                + (transient ? " The batch will be written again." : " Fix the cause, then restart delivery to this sink."),
                transient,
                error);
        }
    }

    private ValueTask<FileStream> OpenAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var directory = System.IO.Path.GetDirectoryName(_path);
        var options = new FileStreamOptions
        {
            Mode = FileMode.Append,
            Access = FileAccess.Write,

            // Readers (tail -f, a SIEM file collector) may read; a second writer may not interleave with us.
            Share = FileShare.Read,

            // The batch is already one buffer: a FileStream buffer would only copy it again.
            BufferSize = 0,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            CreateOwnerOnlyDirectories(directory);
        }
        else if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _stream = new FileStream(_path, options);
        return ValueTask.FromResult(_stream);
    }

    // Directory.CreateDirectory(path, mode) applies the mode to the last directory only; every directory this sink
    // creates is owner-only, while existing ones keep their permissions.
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void CreateOwnerOnlyDirectories(string? directory)
    {
        var missing = new Stack<string>();
        for (var current = directory; !string.IsNullOrEmpty(current) && !Directory.Exists(current); current = System.IO.Path.GetDirectoryName(current))
        {
            missing.Push(current);
        }

        while (missing.TryPop(out var path))
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private async ValueTask CloseAsync()
    {
        if (_stream is { } stream)
        {
            _stream = null;
            await stream.DisposeAsync();
        }
    }

    // A failed batch may have left part of a record at the end of the file; the caller writes the whole batch
    // again, so cutting the file back keeps it free of torn records. Best effort: if even that fails, the next
    // open starts from whatever is there.
    private async ValueTask AbandonBatchAsync(long? goodLength)
    {
        if (_stream is { } stream && goodLength is { } length)
        {
            try
            {
                if (stream.Length > length)
                {
                    stream.SetLength(length);
                }
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException or NotSupportedException)
            {
                // Nothing more to do: the original error is what the caller needs to see.
            }
        }

        try
        {
            await CloseAsync();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Disposing flushes nothing (no buffer); an error here repeats the one being reported.
        }
    }
}
