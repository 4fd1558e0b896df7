using System.ComponentModel;
using System.Globalization;
using System.Runtime.CompilerServices;
using AuditBridge.Secrets;
using AuditBridge.Sources.Json;
using Microsoft.Extensions.Logging;

namespace AuditBridge.Sources.Dashlane;

/// <summary>
/// dcli mode: one <c>dcli team logs --start &lt;ms&gt; --end &lt;ms&gt;</c> run per read, its JSON lines turned into pages
/// as they stream in.
/// </summary>
/// <remarks>
/// <para>
/// Checkpoint = the newest <c>date_time</c> seen (epoch ms, as position text and as the newest event time) + the uuids of
/// the logs within <see cref="DashlaneSourceOptions.Overlap"/> (plus a margin) of it. The next window starts at that
/// time minus the overlap: Dashlane queries whole days and publishes some logs late, so re-reads are the rule and the
/// uuids drop them. Logs outside the requested window (the rest of the first and last day) are dropped too.
/// </para>
/// <para>
/// Ordering: none is assumed. dcli's output is one result set for the whole window (the documentation's sample is newest
/// first), so no position inside it is safe to resume from. Pages handed out while dcli still runs therefore carry the
/// <em>previous</em> window position and newest time, plus the uuids handed out so far (capped): if the run fails or
/// the process dies, the window is read again and what was delivered is recognised. Only the last page, after dcli
/// exited 0 and every line was valid, moves the position.
/// </para>
/// </remarks>
internal sealed class DcliSource : ISource
{
    // The id window keeps a little more than the overlap, so every log of a re-read window is still remembered.
    private static readonly TimeSpan WindowSlack = TimeSpan.FromHours(1);

    // Uuids handed out in intermediate pages that their checkpoints carry: enough for a day of a large team, small enough
    // that a state file rewritten after every page stays well under a megabyte. Beyond it a crash can repeat logs
    // (never lose them).
    private const int MaxCarriedIds = 10_000;

    private readonly DashlaneSourceOptions _options;
    private readonly DashlaneEventMapper _mapper;
    private readonly TimeProvider _time;
    private readonly SecretRedactor _redactor;
    private readonly ILogger _logger;

    public DcliSource(DashlaneSourceOptions options, DashlaneEventMapper mapper, TimeProvider time, SecretRedactor redactor, ILogger logger)
    {
        _options = options;
        _mapper = mapper;
        _time = time;
        _redactor = redactor;
        _logger = logger;
    }

    public async IAsyncEnumerable<SourcePage> ReadAsync(Checkpoint? resumeFrom, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (start, end) = Window(resumeFrom);
        if (end <= start)
        {
            Log.NothingToRead(_logger, start, end);
            yield break;
        }

        var window = DedupeWindow.From(resumeFrom, _options.Overlap + WindowSlack);
        var builder = new DashlanePageBuilder(_mapper, window, start, end, _options.PageSize);
        var carried = new List<SeenEvent>(resumeFrom?.Recent ?? []);
        var carriedFromRun = 0;

        // The whole run is bounded in real time (docs/adr/0003): it waits on a child process, not on the source's clock.
        using var timeout = new CancellationTokenSource(_options.Timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var startMs = start.ToUnixTimeMilliseconds();
        var endMs = end.ToUnixTimeMilliseconds();
        Log.DcliStarting(_logger, _options.DcliPath, startMs, endMs, start, end);
        await using var dcli = Start(startMs, endMs);
        var reader = new LineReader(dcli.Stdout);
        var context = new RunContext(dcli, timeout, string.Create(CultureInfo.InvariantCulture, $"dcli team logs --start {startMs} --end {endMs}"), cancellationToken);

        while (true)
        {
            while (TryReadLine(reader, context, out var line))
            {
                if (await AddAsync(builder, line, reader.LineNumber, cutShort: false, context) is { } added && carriedFromRun < MaxCarriedIds)
                {
                    carried.Add(new SeenEvent(added.Id, added.Time));
                    carriedFromRun++;
                }

                if (builder.IsFull)
                {
                    yield return builder.Take(Intermediate(resumeFrom, carried), hasMore: true);

                    // The caller may have stopped while it held the page: the lines already buffered are not handed out.
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }

            var fill = FillAsync(reader, context, linked.Token);
            if (!fill.IsCompleted && builder.Count > 0)
            {
                // dcli paused: hand out what is there instead of holding it until the next line.
                yield return builder.Take(Intermediate(resumeFrom, carried), hasMore: true);
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (await fill == 0)
            {
                break;
            }
        }

        var exitCode = await WaitForExitAsync(context, linked.Token);
        if (exitCode != 0 || dcli.StderrHasError)
        {
            throw DcliFailures.Failed(exitCode, dcli.StderrTail(), _redactor);
        }

        if (reader.TryPeekRest(out var rest))
        {
            reader.ConsumeRest();
            await AddAsync(builder, rest, reader.LineNumber, cutShort: true, context);
        }

        Log.DcliFinished(_logger, reader.LineNumber, builder.EmittedTotal, builder.DuplicatesTotal, builder.OutsideWindowTotal, builder.QuarantinedTotal);
        var newest = window.Newest;
        yield return builder.Take(window.ToCheckpoint(DashlanePosition.ForNewest(newest) ?? resumeFrom?.Position), hasMore: false);
    }

    /// <summary>
    /// [start, end] of this run: from the checkpoint's newest time minus the overlap (never before the configured start),
    /// else the configured start; to the configured end, else now minus the lag.
    /// </summary>
    internal (DateTimeOffset Start, DateTimeOffset End) Window(Checkpoint? resumeFrom)
    {
        DateTimeOffset? newest = DashlanePosition.TryParseNewest(resumeFrom?.Position, out var position) ? position : resumeFrom?.NewestEventTime;
        DateTimeOffset start;
        if (newest is { } known)
        {
            start = known - _options.Overlap;
            if (_options.Start is { } configured && configured > start)
            {
                start = configured;
            }
        }
        else
        {
            start = _options.Start ?? throw new SourceException(
                SourceErrorKind.InvalidRequest,
                "A first Dashlane run needs a start (--start): there is no saved state to continue from, and dcli's own default is the team's whole history.",
                isTransient: false);
        }

        var end = _options.End ?? _time.GetUtcNow() - _options.Lag;
        return (FloorMs(start), FloorMs(end));
    }

    private static DateTimeOffset FloorMs(DateTimeOffset time) => DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());

    private static Checkpoint Intermediate(Checkpoint? resumeFrom, List<SeenEvent> carried)
    {
        var recent = carried.ToArray();
        Array.Sort(recent, static (a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : string.CompareOrdinal(a.Id, b.Id));
        return new Checkpoint(resumeFrom?.Position, resumeFrom?.NewestEventTime, recent);
    }

    private DcliProcess Start(long startMs, long endMs)
    {
        var executable = ResolveExecutable(_options.DcliPath, _options.Environment);
        try
        {
            return DcliProcess.Start(
                executable,
                ["team", "logs", "--start", startMs.ToString(CultureInfo.InvariantCulture), "--end", endMs.ToString(CultureInfo.InvariantCulture)],
                _options.Environment);
        }
        catch (Win32Exception failure)
        {
            throw DcliFailures.NotStartable(_options.DcliPath, ExternalText.Describe(failure.Message, _redactor));
        }
    }

    /// <summary>A path is used as it is; a bare name is looked up on the child's PATH, so a missing dcli gets a clear message.</summary>
    internal static string ResolveExecutable(string dcliPath, IReadOnlyDictionary<string, string> environment)
    {
        if (dcliPath.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal) || dcliPath.Contains(Path.AltDirectorySeparatorChar, StringComparison.Ordinal))
        {
            var full = Path.GetFullPath(dcliPath);
            return File.Exists(full) ? full : throw DcliFailures.NotStartable(dcliPath, "no such file");
        }

        var path = environment.GetValueOrDefault("PATH") ?? System.Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, dcliPath);
            if (File.Exists(candidate) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(candidate) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0))
            {
                return candidate;
            }
        }

        throw DcliFailures.NotStartable(dcliPath, "not found on PATH");
    }

    private bool TryReadLine(LineReader reader, RunContext context, out ReadOnlyMemory<byte> line)
    {
        try
        {
            return reader.TryReadLine(out line);
        }
        catch (InvalidDataException tooLong)
        {
            throw Fail(context, DcliFailures.InvalidLine(reader.LineNumber + 1, new DashlaneLineException(tooLong.Message), cutShort: false, context.Dcli.StderrTail(), _redactor));
        }
    }

    private async ValueTask<Events.AuditEvent?> AddAsync(DashlanePageBuilder builder, ReadOnlyMemory<byte> line, long lineNumber, bool cutShort, RunContext context)
    {
        try
        {
            return builder.Add(line, string.Create(CultureInfo.InvariantCulture, $"{context.Command}, output line {lineNumber}"));
        }
        catch (DashlaneLineException invalid)
        {
            // Stop dcli first so its stderr is complete in the message.
            await context.Dcli.KillAsync();
            throw DcliFailures.InvalidLine(lineNumber, invalid, cutShort, context.Dcli.StderrTail(), _redactor);
        }
    }

    private async ValueTask<int> FillAsync(LineReader reader, RunContext context, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.FillAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (context.IsTimeout)
        {
            await context.Dcli.KillAsync();
            throw DcliFailures.TimedOut(_options.Timeout, context.Dcli.StderrTail(), _redactor);
        }
        catch (IOException broken)
        {
            await context.Dcli.KillAsync();
            throw new SourceException(SourceErrorKind.Unavailable, $"Reading dcli's output failed ({ExternalText.Describe(broken.Message, _redactor)}); the run is retried later. {DcliFailures.Quote(context.Dcli.StderrTail(), _redactor)}", isTransient: true, broken);
        }
    }

    private async Task<int> WaitForExitAsync(RunContext context, CancellationToken cancellationToken)
    {
        try
        {
            return await context.Dcli.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (context.IsTimeout)
        {
            await context.Dcli.KillAsync();
            throw DcliFailures.TimedOut(_options.Timeout, context.Dcli.StderrTail(), _redactor);
        }
    }

    private static SourceException Fail(RunContext context, SourceException failure)
    {
        // Synchronous paths cannot await the drain; the kill itself is immediate and disposal drains stderr.
        _ = context.Dcli.KillAsync();
        return failure;
    }

    /// <summary>One dcli run; <paramref name="Command"/> is its command line in words, where a quarantined log was found.</summary>
    private sealed record RunContext(DcliProcess Dcli, CancellationTokenSource Timeout, string Command, CancellationToken Caller)
    {
        public bool IsTimeout => Timeout.IsCancellationRequested && !Caller.IsCancellationRequested;
    }
}
