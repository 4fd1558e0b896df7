using System.Text;
using AuditBridge.Events;
using AuditBridge.Fakes.Dcli;
using AuditBridge.Sources;
using AuditBridge.Sources.Dashlane;
using AuditBridge.TestKit;
using AuditBridge.TestKit.Time;

namespace AuditBridge.Connectors.Tests.Sources.Dashlane;

/// <summary>File mode over real temporary files (and streams for standard input); following is driven by a fake clock.</summary>
public sealed class DashlaneFileSourceTests : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    // A real wait for the source's file reading on the thread pool, never for time to pass.
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private readonly TempDirectory _directory = TempDirectory.ForCaller();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly IReadOnlyList<FakeDcliEvent> _history = FakeDcliDataset.Generate(new FakeDcliConfig { Count = 120, Seed = 3 });

    public void Dispose() => _directory.Dispose();

    private string LogFile => _directory.Combine("logs.json");

    [Fact]
    public async Task ReadAsync_File_ReturnsEveryLogOnceAndCheckpointsTheEndOfTheFile()
    {
        Write(_history);

        var pages = await DashlaneTestSources.ReadAllAsync(Create(pageSize: 50));

        DashlaneTestSources.AssertNoGapNoRepeat(_history.Select(e => e.Uuid), pages.SelectMany(p => p.Events));
        Assert.True(DashlanePosition.TryParseFile(pages[^1].Checkpoint.Position, out var offset, out var line, out var fingerprint));
        Assert.Equal(new FileInfo(LogFile).Length, offset);
        Assert.Equal(120, line);
        Assert.NotNull(fingerprint);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(_history.Max(e => e.DateTimeMs)), pages[^1].Checkpoint.NewestEventTime);
    }

    [Fact]
    public async Task ReadAsync_File_WhenLogsCannotBeMapped_QuarantinesEachWithItsLineAndReturnsEveryOtherLog()
    {
        var history = FakeDcliDataset.Generate(new FakeDcliConfig { Count = 120, Seed = 3, PoisonEvery = 25 });
        Write(history);

        var pages = await DashlaneTestSources.ReadAllAsync(Create(pageSize: 50));

        var quarantined = pages.SelectMany(p => p.Quarantined).ToList();
        Assert.Equal([25, 50, 75, 100], quarantined.Select(q => int.Parse(q.Position[(LogFile.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(quarantined, q => Assert.StartsWith(LogFile + ":", q.Position, StringComparison.Ordinal));
        Assert.All(quarantined, q => Assert.Equal("not a Dashlane audit log: 'date_time' is missing or not a number (epoch milliseconds)", q.Error));
        Assert.Equal(history.Where((_, i) => i % 25 == 24).Select(e => e.Line), quarantined.Select(q => Encoding.UTF8.GetString(q.Raw.Span)));
        DashlaneTestSources.AssertNoGapNoRepeat(history.Where((_, i) => i % 25 != 24).Select(e => e.Uuid), pages.SelectMany(p => p.Events));
    }

    [Fact]
    public async Task ReadAsync_AfterAppend_EmitsOnlyTheNewLogsEvenWhenTheAppendRepeatsOldOnes()
    {
        Write(_history.Take(80));
        var first = await DashlaneTestSources.ReadAllAsync(Create());

        // The documentation's cron recipe appends whole days again: the last 20 logs come a second time.
        Append(_history.Skip(60));
        var second = await DashlaneTestSources.ReadAllAsync(Create(), first[^1].Checkpoint);

        DashlaneTestSources.AssertNoGapNoRepeat(_history.Skip(80).Select(e => e.Uuid), second.SelectMany(p => p.Events));
        Assert.Equal(20, second.Sum(p => p.DuplicatesDropped));
    }

    [Fact]
    public async Task ReadAsync_WhenTheFileWasReplacedSinceTheCheckpoint_ReadsTheNewFileFromItsStart()
    {
        Write(_history.Take(60));
        var first = await DashlaneTestSources.ReadAllAsync(Create());
        File.Move(LogFile, LogFile + ".1");
        Write(_history.Skip(60).Take(10));

        var second = await DashlaneTestSources.ReadAllAsync(Create(), first[^1].Checkpoint);

        DashlaneTestSources.AssertNoGapNoRepeat(_history.Skip(60).Take(10).Select(e => e.Uuid), second.SelectMany(p => p.Events));
    }

    [Fact]
    public async Task ReadAsync_WhenALineIsInvalid_FailsNamingFileLineAndColumn_AfterPagesThatStopBeforeIt()
    {
        var lines = _history.Take(30).Select(e => e.Line).ToList();
        lines[24] = """{"uuid":"x","log_type":"t","date_time":12,,}""";
        File.WriteAllText(LogFile, string.Join('\n', lines) + "\n");

        var (pages, failure) = await DashlaneTestSources.ReadUntilFailureAsync(Create(pageSize: 10));

        Assert.Equal(2, pages.Count);
        Assert.True(DashlanePosition.TryParseFile(pages[^1].Checkpoint.Position, out _, out var lastLine, out _));
        Assert.Equal(20, lastLine);
        Assert.Equal(SourceErrorKind.InvalidResponse, failure.Kind);
        Assert.False(failure.IsTransient);
        Assert.StartsWith($"{LogFile}:25:43: not a Dashlane audit log: it is not valid JSON (',' is an invalid start of a property name. Expected a '\"'). The checkpoint stays before this line;", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_WhenAFieldIsMissing_QuarantinesTheLineNamingFileAndLineAndReadsOn()
    {
        File.WriteAllText(LogFile, _history[0].Line + "\n" + """{"uuid":"x","date_time":12}""" + "\n" + _history[1].Line + "\n");

        var pages = await DashlaneTestSources.ReadAllAsync(Create());

        var quarantined = Assert.Single(pages.SelectMany(p => p.Quarantined));
        Assert.Equal($"{LogFile}:2", quarantined.Position);
        Assert.Equal("not a Dashlane audit log: 'log_type' is missing or not a non-empty string", quarantined.Error);
        Assert.Equal("""{"uuid":"x","date_time":12}""", Encoding.UTF8.GetString(quarantined.Raw.Span));
        DashlaneTestSources.AssertNoGapNoRepeat(_history.Take(2).Select(e => e.Uuid), pages.SelectMany(p => p.Events));
    }

    [Fact]
    public async Task ReadAsync_LastLineStillBeingWritten_IsLeftForTheNextRun()
    {
        Write(_history.Take(10));
        File.AppendAllText(LogFile, _history[10].Line[..40]);
        var first = await DashlaneTestSources.ReadAllAsync(Create());

        File.AppendAllText(LogFile, _history[10].Line[40..] + "\n");
        var second = await DashlaneTestSources.ReadAllAsync(Create(), first[^1].Checkpoint);

        Assert.Equal(10, first.Sum(p => p.Events.Count));
        Assert.Equal(DashlaneEventMapper.IdPrefix + _history[10].Uuid, Assert.Single(second.SelectMany(p => p.Events)).Id);
    }

    [Fact]
    public async Task ReadAsync_CompleteLastLineWithoutLineBreak_IsRead()
    {
        File.WriteAllText(LogFile, string.Join('\n', _history.Take(5).Select(e => e.Line)));

        var pages = await DashlaneTestSources.ReadAllAsync(Create());

        Assert.Equal(5, pages.Sum(p => p.Events.Count));
    }

    [Fact]
    public async Task ReadAsync_CrLfLinesBlankLinesAndAByteOrderMark_AreRead()
    {
        File.WriteAllText(LogFile, "\uFEFF" + string.Join("\r\n\r\n", _history.Take(5).Select(e => e.Line)) + "\r\n", new UTF8Encoding(false));

        var pages = await DashlaneTestSources.ReadAllAsync(Create());

        var events = pages.SelectMany(p => p.Events).ToList();
        Assert.Equal(5, events.Count);
        Assert.Equal(_history.Take(5).Select(e => e.Line), events.Select(e => Encoding.UTF8.GetString(e.Raw.Span)));
    }

    [Fact]
    public async Task ReadAsync_WhenTheFileDoesNotExist_FailsPermanently()
    {
        var (_, failure) = await DashlaneTestSources.ReadUntilFailureAsync(Create());

        Assert.Equal(SourceErrorKind.InvalidRequest, failure.Kind);
        Assert.False(failure.IsTransient);
        Assert.Contains($"{LogFile} does not exist", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_StartAndEnd_FilterTheFile()
    {
        Write(_history);
        var start = DateTimeOffset.FromUnixTimeMilliseconds(_history[20].DateTimeMs);
        var end = DateTimeOffset.FromUnixTimeMilliseconds(_history[39].DateTimeMs);

        var pages = await DashlaneTestSources.ReadAllAsync(Source(Options() with { Start = start, End = end }, _time));

        DashlaneTestSources.AssertNoGapNoRepeat(_history.Skip(20).Take(20).Select(e => e.Uuid), pages.SelectMany(p => p.Events));
    }

    [Fact]
    public async Task ReadAsync_StandardInput_ReadsLinesAsTheyArriveUntilItCloses()
    {
        using var pipe = new System.IO.Pipes.AnonymousPipeServerStream(System.IO.Pipes.PipeDirection.Out);
        using var input = new System.IO.Pipes.AnonymousPipeClientStream(System.IO.Pipes.PipeDirection.In, pipe.ClientSafePipeHandle);
        var options = new DashlaneSourceOptions { InputPath = "-", StandardInput = input };
        await using var pages = DashlaneTestSources.Create(options, _time).ReadAsync(null, TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken);
        await pipe.WriteAsync(Encoding.UTF8.GetBytes(string.Join('\n', _history.Take(7).Select(e => e.Line)) + "\n"), TestContext.Current.CancellationToken);
        await pipe.FlushAsync(TestContext.Current.CancellationToken);

        Assert.True(await pages.MoveNextAsync().AsTask().WaitAsync(Deadline, TestContext.Current.CancellationToken));
        var whileOpen = pages.Current.Events.Count;
        await pipe.WriteAsync(Encoding.UTF8.GetBytes(_history[7].Line), TestContext.Current.CancellationToken);
        pipe.Dispose();
        var rest = new List<AuditEvent>();
        while (await pages.MoveNextAsync())
        {
            rest.AddRange(pages.Current.Events);
        }

        Assert.Equal(7, whileOpen);
        Assert.Equal(DashlaneEventMapper.IdPrefix + _history[7].Uuid, Assert.Single(rest).Id);
    }

    [Fact]
    public async Task ReadAsync_StandardInputEndingInACutLine_Fails()
    {
        var input = new MemoryStream(Encoding.UTF8.GetBytes(_history[0].Line + "\n" + _history[1].Line[..30]));

        var (_, failure) = await DashlaneTestSources.ReadUntilFailureAsync(DashlaneTestSources.Create(new DashlaneSourceOptions { InputPath = "-", StandardInput = input }, _time));

        Assert.StartsWith("<stdin>:2:", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_Follow_PicksUpAppendedLinesOnTheNextPoll()
    {
        Write(_history.Take(10));
        await using var follow = new Follower(Options() with { Follow = true }, _time);

        var first = await follow.NextPageAsync();
        Append(_history.Skip(10).Take(5));
        var second = await follow.NextPageAsync();

        Assert.Equal(10, first.Events.Count);
        Assert.Equal(_history.Skip(10).Take(5).Select(e => DashlaneEventMapper.IdPrefix + e.Uuid), second.Events.Select(e => e.Id));
        Assert.Equal(Poll, _time.Waits[^1]);
    }

    [Fact]
    public async Task ReadAsync_Follow_AHalfWrittenLineWaitsForItsEnd()
    {
        Write(_history.Take(3));
        await using var follow = new Follower(Options() with { Follow = true }, _time);
        await follow.NextPageAsync();

        File.AppendAllText(LogFile, _history[3].Line[..25]);
        var withoutEnd = await follow.NoPageAfterPollsAsync(2);
        File.AppendAllText(LogFile, _history[3].Line[25..] + "\n");
        var completed = await follow.NextPageAsync();

        Assert.True(withoutEnd);
        Assert.Equal(DashlaneEventMapper.IdPrefix + _history[3].Uuid, Assert.Single(completed.Events).Id);
    }

    [Fact]
    public async Task ReadAsync_Follow_SurvivesRotation_FinishingTheOldFileThenReadingTheNewOne()
    {
        Write(_history.Take(10));
        await using var follow = new Follower(Options() with { Follow = true }, _time);
        await follow.NextPageAsync();

        // Lines written to the old file just before the rename must not be lost.
        Append(_history.Skip(10).Take(3));
        File.Move(LogFile, LogFile + ".1");
        Write(_history.Skip(13).Take(4));
        var events = await follow.EventsUntilAsync(7);

        Assert.Equal(_history.Skip(10).Take(7).Select(e => DashlaneEventMapper.IdPrefix + e.Uuid), events.Select(e => e.Id));
    }

    [Fact]
    public async Task ReadAsync_Follow_SurvivesTruncation_StartingOverWithoutRepeats()
    {
        Write(_history.Take(10));
        await using var follow = new Follower(Options() with { Follow = true }, _time);
        await follow.NextPageAsync();

        // copytruncate: the same file emptied, then written again; a repeated log is recognised by its uuid.
        using (var truncate = new FileStream(LogFile, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
        {
            truncate.SetLength(0);
        }

        var afterTruncate = await follow.NextPageAsync();
        Write(_history.Skip(9).Take(4));
        var events = await follow.EventsUntilAsync(3);

        Assert.Empty(afterTruncate.Events);
        Assert.True(DashlanePosition.TryParseFile(afterTruncate.Checkpoint.Position, out var offset, out _, out _));
        Assert.Equal(0, offset);
        Assert.Equal(_history.Skip(10).Take(3).Select(e => DashlaneEventMapper.IdPrefix + e.Uuid), events.Select(e => e.Id));
    }

    [Fact]
    public async Task ReadAsync_Follow_WaitsForAFileThatDoesNotExistYet()
    {
        await using var follow = new Follower(Options() with { Follow = true }, _time);

        var nothingYet = await follow.NoPageAfterPollsAsync(2);
        Write(_history.Take(4));
        var page = await follow.NextPageAsync();

        Assert.True(nothingYet);
        Assert.Equal(4, page.Events.Count);
    }

    [Fact]
    public async Task ReadAsync_Follow_EndsOnlyWhenCancelled()
    {
        Write(_history.Take(2));
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var source = DashlaneTestSources.Create(Options() with { Follow = true }, _time);
        await using var pages = source.ReadAsync(null, cancel.Token).GetAsyncEnumerator(cancel.Token);
        Assert.True(await pages.MoveNextAsync());

        var next = pages.MoveNextAsync().AsTask();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next.WaitAsync(Deadline, TestContext.Current.CancellationToken));
    }

    private DashlaneSourceOptions Options(int pageSize = 1000) => new() { InputPath = LogFile, PageSize = pageSize, FollowPollInterval = Poll };

    private ISource Create(int pageSize = 1000) => Source(Options(pageSize), _time);

    private void Write(IEnumerable<FakeDcliEvent> events) => File.WriteAllText(LogFile, string.Concat(events.Select(e => e.Line + "\n")));

    private void Append(IEnumerable<FakeDcliEvent> events) => File.AppendAllText(LogFile, string.Concat(events.Select(e => e.Line + "\n")));

    private static ISource Source(DashlaneSourceOptions options, TimeProvider time) => DashlaneTestSources.Create(options, time);

    /// <summary>
    /// Drives a followed source: asks for the next page and, whenever the source waits on the fake clock for its next
    /// poll, advances the clock by one poll interval. Every wait of the clock comes from this source.
    /// </summary>
    private sealed class Follower : IAsyncDisposable
    {
        private readonly FakeTimeProvider _time;
        private readonly CancellationTokenSource _stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        private readonly IAsyncEnumerator<SourcePage> _pages;
        private Task<bool>? _pending;
        private int _advanced;

        public Follower(DashlaneSourceOptions options, FakeTimeProvider time)
        {
            _time = time;
            _advanced = time.Waits.Count;
            _pages = Source(options, time).ReadAsync(null, _stop.Token).GetAsyncEnumerator(TestContext.Current.CancellationToken);
        }

        public async Task<SourcePage> NextPageAsync()
        {
            var next = _pending ?? _pages.MoveNextAsync().AsTask();
            _pending = null;
            var deadline = DateTime.UtcNow + Deadline;
            while (!next.IsCompleted)
            {
                if (!AdvanceIfWaiting())
                {
                    Assert.True(DateTime.UtcNow < deadline, "The followed source produced no page in time.");
                    await Task.WhenAny(next, Task.Delay(5, TestContext.Current.CancellationToken));
                }
            }

            Assert.True(await next);
            return _pages.Current;
        }

        /// <summary>True when <paramref name="polls"/> polls pass without a page; the pending read is kept for the next call.</summary>
        public async Task<bool> NoPageAfterPollsAsync(int polls)
        {
            var next = _pending ??= _pages.MoveNextAsync().AsTask();
            var deadline = DateTime.UtcNow + Deadline;
            var polled = 0;

            // Advance the clock polls times, then wait until the source is waiting again (that poll found nothing).
            while (!next.IsCompleted && (polled < polls || _time.Waits.Count == _advanced))
            {
                if (polled < polls && AdvanceIfWaiting())
                {
                    polled++;
                    continue;
                }

                Assert.True(DateTime.UtcNow < deadline, "The followed source did not poll in time.");
                await Task.WhenAny(next, Task.Delay(5, TestContext.Current.CancellationToken));
            }

            return !next.IsCompleted;
        }

        /// <summary>Collects events across pages until <paramref name="count"/> arrived.</summary>
        public async Task<List<AuditEvent>> EventsUntilAsync(int count)
        {
            var events = new List<AuditEvent>();
            while (events.Count < count)
            {
                events.AddRange((await NextPageAsync()).Events);
            }

            return events;
        }

        public async ValueTask DisposeAsync()
        {
            // A followed read ends only by cancellation; a pending step must finish before the iterator is disposed.
            await _stop.CancelAsync();
            if (_pending is not null)
            {
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _pending);
            }

            await _pages.DisposeAsync();
            _stop.Dispose();
        }

        private bool AdvanceIfWaiting()
        {
            if (_time.Waits.Count <= _advanced)
            {
                return false;
            }

            _advanced = _time.Waits.Count;
            _time.Advance(Poll);
            return true;
        }
    }
}
