using System.Globalization;
using AuditBridge.Formats;
using AuditBridge.IO;
using Microsoft.Extensions.Logging;

namespace AuditBridge.Sinks.File;

/// <summary>
/// Appends records to a file: the formatter's file header into a new or empty file, then one framed record per
/// event; one write per batch, then flush (and fsync when configured) before the write completes. With rotation, a
/// new file is started between batches when the current one is full (<see cref="FileSinkOptions.MaxBytes"/>) or the
/// UTC date changed (<see cref="FileSinkOptions.RotateDaily"/>).
/// </summary>
/// <remarks>
/// The file is opened only in <see cref="OpenAsync"/> and closed only in <see cref="DisposeAsync"/>,
/// <see cref="CloseRotatedAsync"/> and <see cref="AbandonBatchAsync"/>; every new file gets the header through the same
/// empty-file check. A symbolic link at the file's path is refused unless <see cref="FileSinkOptions.FollowSymlinks"/>.
/// </remarks>
internal sealed class FileTransport : ISinkTransport
{
    private readonly string _path;
    private readonly FileNamePattern? _pattern;
    private readonly long? _maxBytes;
    private readonly bool _rotateDaily;
    private readonly int? _keepFiles;
    private readonly bool _flushToDisk;
    private readonly bool _followSymlinks;
    private readonly IDiskSync _disk;
    private readonly ILogger _logger;
    private readonly ReadOnlyMemory<byte> _fileHeader;
    private readonly TimeProvider _timeProvider;
    private readonly bool _recordsEndWithLineFeed;
    private FileStream? _stream;
    private string _currentPath;
    private DateOnly _currentDate;

    // The tail record of the open file (TailRecord), or null when the file has none (a device, or records without LF).
    private string? _tailRecordPath;

    /// <param name="path">Full path, a pattern when the options rotate.</param>
    /// <param name="options">Validated settings; rotation and sync are read from them once.</param>
    /// <param name="formatter">Supplies the file header.</param>
    /// <param name="timeProvider">The clock that decides the UTC date of a file.</param>
    /// <param name="recordsEndWithLineFeed">True when every record (and the header) ends with LF, so a torn tail can be found.</param>
    /// <param name="disk">Forces data to the disk (a recorder in tests).</param>
    /// <param name="logger">Where a cut torn record is reported.</param>
    public FileTransport(
        string path,
        FileSinkOptions options,
        IEventFormatter formatter,
        TimeProvider timeProvider,
        bool recordsEndWithLineFeed,
        IDiskSync disk,
        ILogger logger)
    {
        _disk = disk;
        _logger = logger;
        _followSymlinks = options.FollowSymlinks;
        _recordsEndWithLineFeed = recordsEndWithLineFeed;
        _path = path;
        _currentPath = path;
        _pattern = options.IsRotating ? FileNamePattern.Parse(path) : null;
        _maxBytes = options.MaxBytes;
        _rotateDaily = options.RotateDaily;
        _keepFiles = options.KeepFiles;
        _flushToDisk = options.FlushToDisk;
        _fileHeader = formatter.FileHeader;
        _timeProvider = timeProvider;
    }

    /// <inheritdoc/>
    public DeliveryGuarantee Guarantee => DeliveryGuarantee.AtLeastOnce;

    /// <inheritdoc/>
    /// <remarks>The file being written: the path, or with rotation the pattern's current file.</remarks>
    public string Destination => _currentPath;

    /// <summary>
    /// Creates the directory if it is missing (as the first batch would) and proves that the process can append
    /// there, without writing a byte into the destination: an existing file (no rotation) is opened for append and
    /// closed; otherwise a hidden file of our own is created in the directory and deleted at once, so no empty
    /// destination file appears before its first record (and rotation still chooses its name then).
    /// </summary>
    /// <exception cref="SinkException">Classified like a failed append: permission denied or a read-only file system is permanent.</exception>
    public ValueTask<string> ProbeAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var directory = System.IO.Path.GetDirectoryName(_path)!;
        var what = $"create '{directory}'";
        try
        {
            CreateDirectories(directory);
            what = $"append to '{_path}'";
            if (_pattern is null && (System.IO.File.Exists(_path) || NoFollowFile.IsSymbolicLink(_path)))
            {
                // Opened as a batch would open it (a link is refused), without the lock a running daemon holds.
                using var existing = NoFollowFile.OpenExisting(_path, FileAccess.Write, _followSymlinks);
            }
            else
            {
                what = $"create a file in '{directory}' for '{System.IO.Path.GetFileName(_path)}'";
                using var probe = new FileStream(System.IO.Path.Combine(directory, $".auditbridge-probe-{Guid.NewGuid():N}.tmp"), ProbeOptions());
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new SinkException(
                $"Cannot {what}: {FileErrors.Describe(error)}.",
                FileErrors.IsTransient(error),
                error);
        }

        return ValueTask.FromResult($"writable: {_path}");
    }

    /// <inheritdoc/>
    /// <remarks>Appends the whole batch in one write, then flushes (and syncs); a failed batch is cut back out.</remarks>
    public async ValueTask SendAsync(OutgoingBatch batch, CancellationToken cancellationToken)
    {
        long? goodLength = null;
        try
        {
            var stream = await CurrentFileAsync(batch.Bytes.Length, cancellationToken);
            goodLength = stream.Length;
            if (goodLength == 0 && !_fileHeader.IsEmpty)
            {
                await stream.WriteAsync(_fileHeader, cancellationToken);
            }

            await stream.WriteAsync(batch.Bytes, cancellationToken);
            _disk.Flush(stream, flushToDisk: _flushToDisk);
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
                $"Cannot append to '{_currentPath}': {FileErrors.Describe(error)}."
                + (transient ? " The batch will be written again." : " Fix the cause, then restart delivery to this sink."),
                transient,
                error);
        }
    }

    // Rotation is decided between batches, never inside one: a batch lands in one file, so cutting a failed batch
    // back out of that file keeps every file free of torn records.
    private async ValueTask<FileStream> CurrentFileAsync(int batchBytes, CancellationToken cancellationToken)
    {
        if (_pattern is null)
        {
            return _stream ?? await OpenAsync(_path, cancellationToken);
        }

        var today = DateOnly.FromDateTime(_timeProvider.GetUtcNow().UtcDateTime);
        if (_stream is { } current)
        {
            var dayChanged = _rotateDaily && today != _currentDate;
            var full = _maxBytes is { } max && current.Length > 0 && current.Length + batchBytes > max;
            if (!dayChanged && !full)
            {
                return current;
            }

            await CloseRotatedAsync();
        }

        _currentPath = ChooseFile(_pattern, today, batchBytes);
        _currentDate = today;
        var stream = await OpenAsync(_currentPath, cancellationToken);
        DeleteOldFiles(_pattern);
        return stream;
    }

    // The newest file of today (after a restart: the one the previous run was writing) while it has room; else the
    // next number. Without {n} there is one file per date, appended to.
    private string ChooseFile(FileNamePattern pattern, DateOnly today, int batchBytes)
    {
        if (!pattern.HasNumber)
        {
            return pattern.Format(today, 1);
        }

        PatternFile? newest = null;
        foreach (var file in pattern.Find())
        {
            if ((!pattern.HasDate || file.Date == today) && (newest is null || file.Number > newest.Value.Number))
            {
                newest = file;
            }
        }

        if (newest is not { } found)
        {
            return pattern.Format(today, 1);
        }

        var length = new FileInfo(found.Path).Length;
        var hasRoom = length == 0 || _maxBytes is not { } max || length + batchBytes <= max;
        return hasRoom ? found.Path : pattern.Format(today, found.Number + 1);
    }

    private void DeleteOldFiles(FileNamePattern pattern)
    {
        if (_keepFiles is not { } keep)
        {
            return;
        }

        var old = pattern.Find()
            .Where(f => !string.Equals(f.Path, _currentPath, StringComparison.Ordinal))
            .OrderByDescending(f => f.Date)
            .ThenByDescending(f => f.Number)
            .Skip(keep);
        foreach (var file in old)
        {
            try
            {
                System.IO.File.Delete(file.Path);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                // The batch is not at stake: an old file that cannot go now is tried again at the next rotation, and
                // failing the write for it would stop delivery over housekeeping.
            }
        }
    }

    // The finished file is synced before the next one is opened, whether or not every batch is: once a newer file
    // exists, nothing of the older one may be missing after a power loss.
    private async ValueTask CloseRotatedAsync()
    {
        if (_stream is { } stream)
        {
            _stream = null;
            try
            {
                _disk.Flush(stream, flushToDisk: true);
            }
            finally
            {
                await stream.DisposeAsync();
            }

            ForgetTailRecord();
        }
    }

    private ValueTask<FileStream> OpenAsync(string path, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        CreateDirectories(System.IO.Path.GetDirectoryName(path));

        // Readers (tail -f, a SIEM file collector) may read; a link at the path is refused (NoFollowFile).
        var opened = NoFollowFile.OpenOrCreate(path, _followSymlinks);
        try
        {
            var created = opened.Created;
            if (opened.IsRegularFile && _recordsEndWithLineFeed)
            {
                var tailRecord = TailRecord.PathFor(path);
                if (!opened.Created)
                {
                    CutTornTail(opened, path, tailRecord);
                }

                // From here on everything after this length is the sink's own: what allows a cut after a crash.
                created |= TailRecord.Of(opened.Stream, opened.Identity).Write(tailRecord, _disk, _flushToDisk);
                _tailRecordPath = tailRecord;
            }

            if (created && _flushToDisk)
            {
                // A file's fsync does not cover the entry that names it: without this a power loss could take a new
                // file, with batches already acknowledged, away (or the tail record that proves a torn one ours).
                _disk.SyncDirectory(System.IO.Path.GetDirectoryName(path)!);
            }

            opened.Stream.Seek(0, SeekOrigin.End);
        }
        catch
        {
            opened.Stream.Dispose();
            throw;
        }

        _stream = opened.Stream;
        return ValueTask.FromResult(_stream);
    }

    /// <summary>
    /// A crash (kill -9, power loss) in the middle of a batch can leave part of a record at the end of the file. That
    /// batch is written again (its position never moved), so the part is cut back to the last LF before appending;
    /// otherwise the next record would be glued to it and both would be lost to a reader. Only a file whose
    /// <see cref="TailRecord"/> proves that the sink wrote the part is cut (and the cut is logged); any other file that
    /// does not end with a line break is refused unchanged: its last line may be somebody's data.
    /// </summary>
    /// <exception cref="SinkException">Permanent: the file ends in a partial line the sink cannot prove its own.</exception>
    private void CutTornTail(OpenedFile opened, string path, string tailRecord)
    {
        var file = opened.Stream;
        var length = file.Length;
        var keep = AfterLastLineFeed(file);
        if (keep == length)
        {
            return;
        }

        if (TailRecord.Read(tailRecord) is not { } record || !record.Proves(file, opened.Identity, keep))
        {
            throw new SinkException(
                string.Create(CultureInfo.InvariantCulture, $"'{path}' ends with {length - keep:N0} bytes after its last line break (from offset {keep:N0}), and nothing shows that AuditBridge wrote them, so the file was left as it is: appending would glue the first record to that partial line. ")
                + $"If the file is not meant for AuditBridge, choose another path; if it is, end it with a line break (printf '\\n' >> '{path}') or remove the partial line, then start again.",
                isTransient: false);
        }

        file.SetLength(keep);
        _disk.Flush(file, _flushToDisk);
        Log.TornTailCut(_logger, path, keep, length - keep);
    }

    /// <summary>The length of <paramref name="file"/> up to and including its last LF (0 when it has none).</summary>
    internal static long AfterLastLineFeed(FileStream file)
    {
        var length = file.Length;
        if (length == 0)
        {
            return 0;
        }

        file.Position = length - 1;
        if (file.ReadByte() == '\n')
        {
            return length;
        }

        var chunk = new byte[(int)Math.Min(length, 64 * 1024)];

        // Backwards, a chunk at a time: a torn record can be longer than one chunk.
        var end = length;
        while (end > 0)
        {
            var start = Math.Max(0, end - chunk.Length);
            file.Position = start;
            file.ReadExactly(chunk, 0, (int)(end - start));
            var lineFeed = chunk.AsSpan(0, (int)(end - start)).LastIndexOf((byte)'\n');
            if (lineFeed >= 0)
            {
                return start + lineFeed + 1;
            }

            end = start;
        }

        return 0;
    }

    // The probe's own file: exclusive (never through a link), owner-only, gone when closed.
    private static FileStreamOptions ProbeOptions()
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, Options = FileOptions.DeleteOnClose, BufferSize = 0 };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = NoFollowFile.OwnerOnly;
        }

        return options;
    }

    // Missing directories are created: owner-only on Unix (audit data names people), with the platform's defaults
    // elsewhere.
    private static void CreateDirectories(string? directory)
    {
        if (!OperatingSystem.IsWindows())
        {
            CreateOwnerOnlyDirectories(directory);
        }
        else if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
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

    // A clean close: the file ends with the last complete batch, so its tail record has nothing left to prove.
    public async ValueTask DisposeAsync()
    {
        if (_stream is { } stream)
        {
            _stream = null;
            await stream.DisposeAsync();
            ForgetTailRecord();
        }
    }

    private void ForgetTailRecord()
    {
        if (_tailRecordPath is { } path)
        {
            _tailRecordPath = null;
            TailRecord.Delete(path);
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

        // The tail record stays: if the cut above failed, it is what lets the next open cut the torn batch.
        if (_stream is { } open)
        {
            _stream = null;
            _tailRecordPath = null;
            try
            {
                await open.DisposeAsync();
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                // Disposing flushes nothing (no buffer); an error here repeats the one being reported.
            }
        }
    }
}
