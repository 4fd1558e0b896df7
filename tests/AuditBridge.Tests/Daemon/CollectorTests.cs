using System.Runtime.CompilerServices;
using AuditBridge.Events;
using AuditBridge.Journal;
using AuditBridge.Journal.Sqlite;
using AuditBridge.Pipeline;
using AuditBridge.Sources;
using AuditBridge.TestKit;
using AuditBridge.TestKit.Journal;
using AuditBridge.TestKit.Time;

namespace AuditBridge.Tests.Daemon;

/// <summary>
/// The collector between a source and the real SQLite journal: it reads one page ahead while a page is appended, still
/// appends pages in order with their checkpoints, stores what the source gave before it failed, and never leaves the
/// source reading after a poll ended.
/// </summary>
public sealed class CollectorTests : IAsyncLifetime
{
    private const string Source = "dbx";

    // Real time: a collector that never let go of its source would otherwise hang the run instead of failing.
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    private static readonly DateTimeOffset Start = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _directory = TempDirectory.ForCaller();
    private readonly FakeTimeProvider _time = new(Start);
    private IJournal _journal = null!;

    public async ValueTask InitializeAsync() =>
        _journal = await SqliteJournalFactory.OpenAsync(new SqliteJournalOptions { Path = _directory.Combine("journal.db") }, _time, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _journal.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task RunOnce_WhileAPageIsBeingAppended_ReadsTheNextPage()
    {
        using var held = HoldFirstAppend();
        var source = new ScriptedSource(Page(0), Page(1), Page(2));
        var collecting = RunOnceAsync(source, TestContext.Current.CancellationToken);

        // Page 0's append has started and cannot finish until released, yet the source hands out page 1, and page 2
        // behind it (page 2 only once page 1 waits in line: without the read-ahead this would never happen).
        await held.Reached.WaitAsync(Limit, TestContext.Current.CancellationToken);
        await source.Handed(2).WaitAsync(Limit, TestContext.Current.CancellationToken);
        Assert.Equal(0, await _journal.GetHeadAsync(TestContext.Current.CancellationToken));

        held.Release();
        Assert.Equal(6, await collecting.WaitAsync(Limit, TestContext.Current.CancellationToken));
        await AssertStoredAsync(pages: 3);
    }

    [Fact]
    public async Task RunOnce_WhenTheSourceFailsAfterPagesItReadAhead_StoresThemFirstThenThrowsTheSourceFailure()
    {
        using var held = HoldFirstAppend();
        var failure = new SourceException(SourceErrorKind.Unavailable, "the vendor went away (test)", isTransient: true);
        var source = new ScriptedSource([Page(0), Page(1)], failure);
        var collecting = RunOnceAsync(source, TestContext.Current.CancellationToken);

        // The source has failed while page 0 was still being appended.
        await held.Reached.WaitAsync(Limit, TestContext.Current.CancellationToken);
        await source.Ended.WaitAsync(Limit, TestContext.Current.CancellationToken);
        held.Release();

        var thrown = await Assert.ThrowsAsync<SourceException>(() => collecting.WaitAsync(Limit, TestContext.Current.CancellationToken));
        Assert.Same(failure, thrown);
        await AssertStoredAsync(pages: 2);
    }

    [Fact]
    public async Task RunOnce_WhenAnAppendFails_StopsTheSourceBeforeReturningAndKeepsTheCheckpointOfTheLastStoredPage()
    {
        var source = new ScriptedSource(index => index == 1 ? Page(1, new FailingList<AuditEvent>(Events(1), 1)) : Page(index));

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(
            () => RunOnceAsync(source, TestContext.Current.CancellationToken).WaitAsync(Limit, TestContext.Current.CancellationToken));

        Assert.Contains("test failure", thrown.Message, StringComparison.Ordinal);
        Assert.True(source.Ended.IsCompleted, "the source still read after the poll ended");

        // One page being appended, one waiting, one the reader holds: no more were fetched than that.
        Assert.InRange(source.HandedCount, 2, 4);
        await AssertStoredAsync(pages: 1);
    }

    [Fact]
    public async Task RunOnce_WhenCancelledDuringAnAppend_FinishesThatPageStopsTheSourceAndThrows()
    {
        using var held = HoldFirstAppend();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var source = new ScriptedSource(index => Page(index));
        var collecting = RunOnceAsync(source, stop.Token);
        await held.Reached.WaitAsync(Limit, TestContext.Current.CancellationToken);

        await stop.CancelAsync();
        held.Release();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => collecting.WaitAsync(Limit, TestContext.Current.CancellationToken));
        Assert.True(source.Ended.IsCompleted, "the source still read after the poll ended");

        // The append that had started completed as a whole; nothing after it was stored.
        await AssertStoredAsync(pages: 1);
    }

    /// <summary>Holds the next append inside its transaction, at its first event, until released.</summary>
    private AppendHold HoldFirstAppend()
    {
        var hold = new AppendHold();
        ((SqliteJournal)_journal).BeforeEventInTransaction = index =>
        {
            if (index == 0)
            {
                ((SqliteJournal)_journal).BeforeEventInTransaction = null;
                hold.Wait();
            }
        };
        return hold;
    }

    // On the thread pool, as in the daemon: a held append blocks its thread, and the pool adds threads when that starves
    // it, where the test framework's own synchronization context (which the collector's awaits would capture) does not.
    private Task<int> RunOnceAsync(ISource source, CancellationToken cancellationToken) =>
        Task.Run(() => new Collector(Source, source, _journal, new JournalSignal(), _time, new RecordingObserver()).RunOnceAsync(cancellationToken), CancellationToken.None);

    /// <summary>Page <paramref name="index"/>: its two events (or <paramref name="events"/>) and the checkpoint "cursor-index" behind them.</summary>
    private static SourcePage Page(int index, IReadOnlyList<AuditEvent>? events = null) =>
        new(events ?? Events(index), new Checkpoint($"cursor-{index}", Start.AddMinutes(index), []), HasMore: true);

    private static AuditEvent[] Events(int index) =>
        [JournalTestEvents.Event(Source, id: $"e{index}a", time: Start.AddMinutes(index)), JournalTestEvents.Event(Source, id: $"e{index}b", time: Start.AddMinutes(index))];

    private async Task AssertStoredAsync(int pages)
    {
        var stored = await _journal.ReadAsync(0, 100, TestContext.Current.CancellationToken);
        Assert.Equal(Enumerable.Range(0, pages).SelectMany(i => new[] { $"e{i}a", $"e{i}b" }), stored.Select(e => e.Event.Id));
        var checkpoint = await _journal.GetCheckpointAsync(Source, TestContext.Current.CancellationToken);
        Assert.Equal($"cursor-{pages - 1}", checkpoint?.Position);
    }

    /// <summary>
    /// A source that hands out scripted pages (a fixed list, then an optional failure; or endless pages from a function)
    /// and tells when it handed out a page and when its reading ended.
    /// </summary>
    private sealed class ScriptedSource : ISource
    {
        private readonly Func<int, SourcePage?> _page;
        private readonly Exception? _failure;
        private readonly List<TaskCompletionSource> _handed = [];
        private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _handedCount;

        public ScriptedSource(params SourcePage[] pages)
            : this(pages, null)
        {
        }

        public ScriptedSource(SourcePage[] pages, Exception? failure)
        {
            _page = index => index < pages.Length ? pages[index] : null;
            _failure = failure;
        }

        public ScriptedSource(Func<int, SourcePage> endless) => _page = endless;

        public int HandedCount => Volatile.Read(ref _handedCount);

        /// <summary>Completes once the reading ended: the last page, a failure, or a cancellation.</summary>
        public Task Ended => _ended.Task;

        /// <summary>Completes once page <paramref name="index"/> was handed out.</summary>
        public Task Handed(int index)
        {
            lock (_handed)
            {
                while (_handed.Count <= index)
                {
                    _handed.Add(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                }

                return _handed[index].Task;
            }
        }

        public async IAsyncEnumerable<SourcePage> ReadAsync(Checkpoint? resumeFrom, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            try
            {
                for (var index = 0; ; index++)
                {
                    // A real source awaits its vendor here.
                    await Task.Yield();
                    cancellationToken.ThrowIfCancellationRequested();
                    if (_page(index) is not { } page)
                    {
                        break;
                    }

                    Interlocked.Increment(ref _handedCount);
                    _ = Handed(index);
                    lock (_handed)
                    {
                        _handed[index].TrySetResult();
                    }

                    yield return page;
                }

                if (_failure is not null)
                {
                    throw _failure;
                }
            }
            finally
            {
                _ended.TrySetResult();
            }
        }
    }

    /// <summary>Where a held append waits: tells when it got there, lets it go on <see cref="Release"/>.</summary>
    private sealed class AppendHold : IDisposable
    {
        private readonly ManualResetEventSlim _released = new();
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes once the append is held inside its transaction.</summary>
        public Task Reached => _reached.Task;

        public void Wait()
        {
            _reached.TrySetResult();

            // Blocks the append's thread on purpose; the limit turns a missing release into a failure, not a hang.
            Assert.True(_released.Wait(Limit), "the held append was never released");
        }

        public void Release() => _released.Set();

        public void Dispose() => _released.Dispose();
    }
}
