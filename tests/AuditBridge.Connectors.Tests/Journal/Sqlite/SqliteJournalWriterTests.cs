using System.Collections;
using AuditBridge.Events;
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

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task TakeRequestedPositionAsync_NothingRequested_AnswersWhileAnAppendHoldsTheWriter()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero));
        await using var opened = await SqliteJournalFactory.OpenAsync(new SqliteJournalOptions { Path = _directory.Combine("journal.db") }, time, TestContext.Current.CancellationToken);
        var journal = (SqliteJournal)opened;
        using var released = new ManualResetEventSlim();
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        journal.BeforeEventInTransaction = _ =>
        {
            reached.TrySetResult();
            Assert.True(released.Wait(Limit), "the held append was never released");
        };

        // On the thread pool: the held append blocks its thread.
        var page = JournalTestEvents.Page([JournalTestEvents.Event("dbx", id: "e1")], "p1");
        var appending = Task.Run(() => journal.AppendAsync("dbx", page, time.GetUtcNow(), CancellationToken.None), TestContext.Current.CancellationToken);
        await reached.Task.WaitAsync(Limit, TestContext.Current.CancellationToken);

        var taken = await journal.TakeRequestedPositionAsync("siem", TestContext.Current.CancellationToken).WaitAsync(Limit, TestContext.Current.CancellationToken);

        Assert.Null(taken);
        Assert.False(appending.IsCompleted, "the append was still held when the look was answered");
        released.Set();
        Assert.Equal(1, (await appending).Inserted);
    }

    [Fact]
    public async Task AppendAsync_WhileAnotherAppendHoldsTheWriter_ReadsAndEncodesItsPageMeanwhile()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero));
        await using var opened = await SqliteJournalFactory.OpenAsync(new SqliteJournalOptions { Path = _directory.Combine("journal.db") }, time, TestContext.Current.CancellationToken);
        var journal = (SqliteJournal)opened;
        using var released = new ManualResetEventSlim();
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        journal.BeforeEventInTransaction = _ =>
        {
            journal.BeforeEventInTransaction = null;
            reached.TrySetResult();
            Assert.True(released.Wait(Limit), "the held append was never released");
        };
        var first = Task.Run(
            () => journal.AppendAsync("dbx", JournalTestEvents.Page([JournalTestEvents.Event("dbx", id: "d1")], "p1"), time.GetUtcNow(), CancellationToken.None),
            TestContext.Current.CancellationToken);
        await reached.Task.WaitAsync(Limit, TestContext.Current.CancellationToken);

        // Built without reading the events (a helper that computes the newest time would read them here).
        var events = new WatchedList([JournalTestEvents.Event("box", id: "b1")]);
        var second = Task.Run(
            () => journal.AppendAsync("box", new SourcePage(events, new Checkpoint("q1", null, []), HasMore: false), time.GetUtcNow(), CancellationToken.None),
            TestContext.Current.CancellationToken);

        await events.Read.WaitAsync(Limit, TestContext.Current.CancellationToken);
        Assert.False(first.IsCompleted || second.IsCompleted, "both appends were still waiting for the writer");
        released.Set();
        Assert.Equal(1, (await first).Inserted);
        Assert.Equal(1, (await second).Inserted);
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
