using System.Globalization;
using System.Runtime.CompilerServices;
using AuditBridge.Sources.Json;
using Microsoft.Extensions.Logging;

namespace AuditBridge.Sources.Dashlane;

/// <summary>
/// File mode: the JSON lines <c>dcli team logs</c> wrote (the CLI documentation's cron recipe appends them to a file), or
/// standard input. Every line is validated; an invalid complete line stops the read with its file:line:column, so a
/// corrupt file is never half-skipped (as in dcli mode). Re-read logs are dropped by uuid.
/// </summary>
/// <remarks>
/// <para>
/// Checkpoint = <c>file:&lt;offset&gt;:&lt;line&gt;:&lt;fingerprint&gt;</c> (the byte offset after the page's last line,
/// its line number, and the file's first-line fingerprint) + the newest <c>date_time</c> + the recent uuids. A later
/// run continues at the offset when the path still names the same file (same fingerprint, not shorter than the offset);
/// otherwise the file was rotated, truncated or replaced and is read from its start, the uuids dropping what was seen.
/// Lines are handed on in file order; no time order is assumed (the cron recipe appends whole days, newest first).
/// </para>
/// <para>
/// Follow: at the end of the file the source waits <see cref="DashlaneSourceOptions.FollowPollInterval"/> on its clock,
/// then checks the file under its handle (shorter than the offset, or a new first line: truncated or rewritten → read
/// it from the start) and the path (another file now: rotated → finish the old file, then read the new one from its
/// start), and reads on. A line without its line break yet is left until it is complete.
/// </para>
/// </remarks>
internal sealed class DashlaneFileSource : ISource
{
    private static readonly TimeSpan WindowSlack = TimeSpan.FromHours(1);

    private readonly DashlaneSourceOptions _options;
    private readonly DashlaneEventMapper _mapper;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public DashlaneFileSource(DashlaneSourceOptions options, DashlaneEventMapper mapper, TimeProvider time, ILogger logger)
    {
        _options = options;
        _mapper = mapper;
        _time = time;
        _logger = logger;
    }

    private string Path => _options.InputPath!;

    public IAsyncEnumerable<SourcePage> ReadAsync(Checkpoint? resumeFrom, CancellationToken cancellationToken) =>
        Path == "-" ? ReadStandardInputAsync(resumeFrom, cancellationToken) : ReadFileAsync(resumeFrom, cancellationToken);

    private async IAsyncEnumerable<SourcePage> ReadStandardInputAsync(Checkpoint? resumeFrom, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var builder = NewBuilder(resumeFrom);
        var input = _options.StandardInput ?? Console.OpenStandardInput();
        var reader = new LineReader(input);
        Checkpoint Next() => builder.Window.ToCheckpoint(DashlanePosition.ForNewest(builder.Window.Newest) ?? resumeFrom?.Position);

        while (true)
        {
            while (TryReadLine(reader, "<stdin>", out var line))
            {
                Add(builder, line, "<stdin>", reader.LineNumber);
                if (builder.IsFull)
                {
                    yield return builder.Take(Next(), hasMore: true);
                }
            }

            var fill = reader.FillAsync(cancellationToken);
            if (!fill.IsCompleted && builder.Count > 0)
            {
                yield return builder.Take(Next(), hasMore: false);
            }

            if (await fill == 0)
            {
                break;
            }
        }

        // Standard input has closed: a line without its line break is all there will ever be of it.
        if (reader.TryPeekRest(out var rest))
        {
            reader.ConsumeRest();
            Add(builder, rest, "<stdin>", reader.LineNumber);
        }

        yield return builder.Take(Next(), hasMore: false);
    }

    private async IAsyncEnumerable<SourcePage> ReadFileAsync(Checkpoint? resumeFrom, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var builder = NewBuilder(resumeFrom);
        var file = await OpenAsync(cancellationToken);
        try
        {
            var fingerprint = FileFingerprint.Of(file.SafeFileHandle);
            var reader = Resume(file, fingerprint, resumeFrom);
            string? lastPosition = resumeFrom?.Position;
            Checkpoint Next() => builder.Window.ToCheckpoint(DashlanePosition.ForFile(reader.Offset, reader.LineNumber, fingerprint));

            while (true)
            {
                while (TryReadLine(reader, Path, out var line))
                {
                    Add(builder, line, Path, reader.LineNumber);
                    if (builder.IsFull)
                    {
                        var full = builder.Take(Next(), hasMore: true);
                        lastPosition = full.Checkpoint.Position;
                        yield return full;
                    }
                }

                if (await reader.FillAsync(cancellationToken) > 0)
                {
                    continue;
                }

                // The end of the file, for now. The first line is complete once anything was read: fingerprint it.
                fingerprint ??= reader.Offset > 0 ? FileFingerprint.Of(file.SafeFileHandle) : null;
                if (!_options.Follow)
                {
                    if (reader.TryPeekRest(out var rest))
                    {
                        // A complete log without its line break is taken; a partial one is most likely still being
                        // appended (the cron recipe's >>) and is read on the next run.
                        if (IsValid(rest))
                        {
                            reader.ConsumeRest();
                            Add(builder, rest, Path, reader.LineNumber);
                        }
                        else
                        {
                            Log.IncompleteLine(_logger, Path, rest.Length);
                        }
                    }

                    yield return builder.Take(Next(), hasMore: false);
                    yield break;
                }

                var checkpoint = Next();
                if (builder.Count > 0 || checkpoint.Position != lastPosition)
                {
                    lastPosition = checkpoint.Position;
                    yield return builder.Take(checkpoint, hasMore: false);
                }

                await Task.Delay(_options.FollowPollInterval, _time, cancellationToken);

                // The file under the handle was truncated or rewritten: read it again from its start.
                var current = FileFingerprint.Of(file.SafeFileHandle);
                if (file.Length < reader.Offset || (fingerprint is not null && current != fingerprint))
                {
                    Log.FileRestarted(_logger, Path, file.Length < reader.Offset ? "was truncated" : "was rewritten");
                    file.Seek(0, SeekOrigin.Begin);
                    reader = new LineReader(file);
                    fingerprint = current;
                    continue;
                }

                // The path names another file: rotated. Finish the old file, then read the new one from its start.
                if (TryOpenReplacement(file, fingerprint, reader.Offset) is { } replacement)
                {
                    while (true)
                    {
                        while (TryReadLine(reader, Path, out var line))
                        {
                            Add(builder, line, Path, reader.LineNumber);
                        }

                        if (await reader.FillAsync(cancellationToken) == 0)
                        {
                            break;
                        }
                    }

                    if (reader.TryPeekRest(out var rest) && IsValid(rest))
                    {
                        reader.ConsumeRest();
                        Add(builder, rest, Path, reader.LineNumber);
                    }

                    if (reader.Offset > 0)
                    {
                        Log.FileRestarted(_logger, Path, "was rotated (it names a new file)");
                    }

                    await file.DisposeAsync();
                    file = replacement;
                    fingerprint = FileFingerprint.Of(file.SafeFileHandle);
                    reader = new LineReader(file);
                }
            }
        }
        finally
        {
            await file.DisposeAsync();
        }
    }

    private DashlanePageBuilder NewBuilder(Checkpoint? resumeFrom) =>
        new(_mapper, DedupeWindow.From(resumeFrom, _options.Overlap + WindowSlack), _options.Start, _options.End, _options.PageSize);

    /// <summary>Continues at the checkpoint's offset when the path still names that file; else from the start.</summary>
    private LineReader Resume(FileStream file, string? fingerprint, Checkpoint? resumeFrom)
    {
        if (!DashlanePosition.TryParseFile(resumeFrom?.Position, out var offset, out var line, out var saved) || offset == 0)
        {
            return new LineReader(file);
        }

        if (saved is not null && saved == fingerprint && file.Length >= offset)
        {
            file.Seek(offset, SeekOrigin.Begin);
            return new LineReader(file, offset, line);
        }

        Log.FileRestarted(_logger, Path, file.Length < offset ? "is shorter than the saved offset (truncated or replaced)" : "is another file than the saved state's (rotated or replaced)");
        return new LineReader(file);
    }

    private async Task<FileStream> OpenAsync(CancellationToken cancellationToken)
    {
        var waiting = false;
        while (true)
        {
            try
            {
                return Open(Path);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                if (!_options.Follow)
                {
                    throw new SourceException(SourceErrorKind.InvalidRequest, $"{Path} does not exist: give the JSON-lines file dcli wrote (dcli team logs > FILE), or - for standard input.", isTransient: false, e);
                }

                if (!waiting)
                {
                    Log.FileWaiting(_logger, Path);
                    waiting = true;
                }
            }
            catch (UnauthorizedAccessException denied)
            {
                throw new SourceException(SourceErrorKind.Permission, $"{Path} cannot be read: permission denied. Give the user running AuditBridge read access to it.", isTransient: false, denied);
            }

            await Task.Delay(_options.FollowPollInterval, _time, cancellationToken);
        }
    }

    /// <summary>The file the path names now, when it is not the one being read (null while it is, or while the path is missing).</summary>
    private static FileStream? TryOpenReplacement(FileStream current, string? fingerprint, long offset)
    {
        FileStream probe;
        try
        {
            probe = Open(current.Name);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        // Nothing read yet: reading the path's file from its start is always right. Otherwise the file being read has a
        // complete first line, so a path whose file has none yet, or another one, names a new file.
        if (offset == 0 || FileFingerprint.Of(probe.SafeFileHandle) is not { } found || found != fingerprint)
        {
            return probe;
        }

        probe.Dispose();
        return null;
    }

    // Shared delete lets a rotation rename or remove the file while it is open.
    private static FileStream Open(string path) =>
        new(path, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.ReadWrite | FileShare.Delete, Options = FileOptions.Asynchronous });

    private static bool IsValid(ReadOnlyMemory<byte> line)
    {
        try
        {
            using var log = DashlaneLogLine.Parse(line.ToArray());
            return true;
        }
        catch (DashlaneLineException)
        {
            return false;
        }
    }

    private static bool TryReadLine(LineReader reader, string name, out ReadOnlyMemory<byte> line)
    {
        try
        {
            return reader.TryReadLine(out line);
        }
        catch (InvalidDataException tooLong)
        {
            throw new SourceException(SourceErrorKind.InvalidResponse, $"{name}: {tooLong.Message}; this is not a file of Dashlane audit logs.", isTransient: false, tooLong);
        }
    }

    private static void Add(DashlanePageBuilder builder, ReadOnlyMemory<byte> line, string name, long lineNumber)
    {
        try
        {
            builder.Add(line, string.Create(CultureInfo.InvariantCulture, $"{name}:{lineNumber}"));
        }
        catch (DashlaneLineException invalid)
        {
            var where = invalid.Column is { } column
                ? string.Create(CultureInfo.InvariantCulture, $"{name}:{lineNumber}:{column}")
                : string.Create(CultureInfo.InvariantCulture, $"{name}:{lineNumber}");
            throw new SourceException(
                SourceErrorKind.InvalidResponse,
                $"{where}: not a Dashlane audit log: {invalid.Problem}. The checkpoint stays before this line; fix or remove it (each line must be one JSON object as dcli team logs prints it) and run again.",
                isTransient: false,
                invalid);
        }
    }
}
