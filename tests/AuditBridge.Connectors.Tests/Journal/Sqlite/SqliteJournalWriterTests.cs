using System.Collections;
using AuditBridge.Events;
using AuditBridge.Journal;
using AuditBridge.Journal.Sqlite;
using AuditBridge.Sources;
using AuditBridge.TestKit;
using AuditBridge.TestKit.Journal;
using AuditBridge.TestKit.Time;

namespace AuditBridge.Connectors.Tests.Journal.Sqlite;

/// <summary>
/// What must not wait for the one writer: a delivery loop's look for a replay request before every batch is answered
/// while an append holds the writer (nearly always nothing is requested), and another page is checked and encoded
/// meanwhile, so only its inserts wait.
/// </summary>
public sealed class SqliteJournalWriterTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);
    private readonly TempDirectory _directory = TempDirectory.ForCaller();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero));

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task TakeRequestedPositionAsync_NothingRequested_AnswersWhileAnAppendHoldsTheWriter()
    {
        await using var opened = await SqliteJournalFactory.OpenAsync(new SqliteJournalOptions { Path = _directory.Combine("journal.db") }, _time, TestContext.Current.CancellationToken);
        var journal = (SqliteJournal)opened;
        using var held = await HoldAnAppendAsync(journal);

        var taken = await opened.TakeRequestedPositionAsync("siem", TestContext.Current.CancellationToken).WaitAsync(Limit, TestContext.Current.CancellationToken);

        Assert.Null(taken);
        Assert.False(held.Append.IsCompleted, "the append was still held when the look was answered");
        held.Release();
        Assert.Equal(1, (await held.Append).Inserted);
    }

    [Fact]
    public async Task AppendAsync_WhileAnotherAppendHoldsTheWriter_ReadsAndEncodesItsPageMeanwhile()
    {
        await using var opened = await SqliteJournalFactory.OpenAsync(new SqliteJournalOptions { Path = _directory.Combine("journal.db") }, _time, TestContext.Current.CancellationToken);
        var journal = (SqliteJournal)opened;
        using var held = await HoldAnAppendAsync(journal);

        // Built without reading the events (a helper that computes the newest time would read them here).
        var events = new WatchedList([JournalTestEvents.Event("box", id: "b1")]);
        var second = Task.Run(
            () => journal.AppendAsync("box", new SourcePage(events, new Checkpoint("q1", null, []), HasMore: false), _time.GetUtcNow(), null, CancellationToken.None),
            TestContext.Current.CancellationToken);

        await events.Read.WaitAsync(Limit, TestContext.Current.CancellationToken);
        Assert.False(held.Append.IsCompleted || second.IsCompleted, "both appends were still waiting for the writer");
        held.Release();
        Assert.Equal(1, (await held.Append).Inserted);
        Assert.Equal(1, (await second).Inserted);
    }

    /// <summary>Starts an append of one event of source "dbx" and returns once it holds the writer inside its transaction.</summary>
    private async Task<HeldAppend> HoldAnAppendAsync(SqliteJournal journal)
    {
        var held = new HeldAppend();
        journal.BeforeEventInTransaction = _ =>
        {
            journal.BeforeEventInTransaction = null;
            held.Wait();
        };

        // On the thread pool: the held append blocks its thread.
        var page = JournalTestEvents.Page([JournalTestEvents.Event("dbx", id: "d1")], "p1");
        held.Append = Task.Run(() => journal.AppendAsync("dbx", page, _time.GetUtcNow(), null, CancellationToken.None), TestContext.Current.CancellationToken);
        await held.Reached.WaitAsync(Limit, TestContext.Current.CancellationToken);
        return held;
    }

    /// <summary>An append held inside its transaction until <see cref="Release"/>.</summary>
    private sealed class HeldAppend : IDisposable
    {
        private readonly ManualResetEventSlim _released = new();
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<AppendResult> Append { get; set; } = null!;

        public Task Reached => _reached.Task;

        public void Wait()
        {
            _reached.TrySetResult();
            Assert.True(_released.Wait(Limit), "the held append was never released");
        }

        public void Release() => _released.Set();

        public void Dispose()
        {
            // A failed test releases the append too, so it does not hold its thread until the limit.
            _released.Set();
            _released.Dispose();
        }
    }

    /// <summary>Events that tell when the journal first read one.</summary>
    private sealed class WatchedList(IReadOnlyList<AuditEvent> items) : IReadOnlyList<AuditEvent>
    {
        private readonly TaskCompletionSource _read = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Read => _read.Task;

        public int Count => items.Count;

        public AuditEvent this[int index]
        {
            get
            {
                _read.TrySetResult();
                return items[index];
            }
        }

        public IEnumerator<AuditEvent> GetEnumerator()
        {
            for (var i = 0; i < Count; i++)
            {
                yield return this[i];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
