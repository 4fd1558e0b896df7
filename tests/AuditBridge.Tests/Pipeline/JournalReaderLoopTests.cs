using AuditBridge.Journal;
using AuditBridge.Pipeline;
using AuditBridge.Sources;
using AuditBridge.TestKit;
using AuditBridge.TestKit.Journal;
using AuditBridge.TestKit.Time;

namespace AuditBridge.Tests.Pipeline;

/// <summary>
/// The reading loop every journal consumer shares (sinks today, the alert engine next), on a real SQLite journal: in
/// order, in batches, the position stored only after the reader is done, replay requests between batches.
/// </summary>
public sealed class JournalReaderLoopTests : IAsyncLifetime
{
    private const string Reader = "alerts";
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    private readonly TempDirectory _directory = TempDirectory.ForCaller();
    private readonly FakeTimeProvider _time = new(Start);
    private IJournal _journal = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _journal = await JournalFactory.OpenAsync(new JournalLocation { Type = "sqlite", Path = _directory.Combine("journal.db") }, _time, Token);
        var events = Enumerable.Range(1, 5).Select(i => JournalTestEvents.Event("src", $"e{i}", Start)).ToArray();
        await _journal.AppendAsync("src", new SourcePage(events, new Checkpoint("c", Start, []), HasMore: false), Start, Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _journal.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Run_HandsEveryEventOnceInOrderInBatches_AndStoresThePositionAfterEach()
    {
        var reader = new RecordingReader(stopAfter: 5);
        var loop = new JournalReaderLoop(new JournalReaderOptions { Name = Reader, BatchSize = 2 }, _journal, new JournalSignal(), _time);

        await RunUntilAsync(loop, reader);

        Assert.Equal([["e1", "e2"], ["e3", "e4"], ["e5"]], reader.Batches);
        Assert.Equal([2L, 4, 5], reader.Advances);
        Assert.Equal(5, await _journal.GetPositionAsync(Reader, Token));
    }

    [Fact]
    public async Task Run_WhenTheReaderDeclinesABatch_EndsWithoutMovingPastIt()
    {
        var reader = new RecordingReader(stopAfter: int.MaxValue) { DeclineAt = 2 };
        var loop = new JournalReaderLoop(new JournalReaderOptions { Name = Reader, BatchSize = 2 }, _journal, new JournalSignal(), _time);

        await loop.RunAsync(reader, Token).WaitAsync(Limit, Token);

        Assert.Equal([["e1", "e2"], ["e3", "e4"]], reader.Batches);
        Assert.Equal(2, await _journal.GetPositionAsync(Reader, Token));
    }

    [Fact]
    public async Task Run_WhenStoppedInsideABatch_HandsThatBatchAgainOnTheNextRun()
    {
        var first = new RecordingReader(stopAfter: int.MaxValue) { CancelAt = 2 };
        var loop = new JournalReaderLoop(new JournalReaderOptions { Name = Reader, BatchSize = 2 }, _journal, new JournalSignal(), _time);
        using (var stop = CancellationTokenSource.CreateLinkedTokenSource(Token))
        {
            first.Stop = stop;
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => loop.RunAsync(first, stop.Token).WaitAsync(Limit, Token));
        }

        var second = new RecordingReader(stopAfter: 5);
        await RunUntilAsync(loop, second);

        Assert.Equal([["e1", "e2"], ["e3", "e4"]], first.Batches);
        Assert.Equal([["e3", "e4"], ["e5"]], second.Batches);
    }

    [Fact]
    public async Task Run_TakesAReplayRequestBeforeTheNextBatch()
    {
        await _journal.SetPositionAsync(Reader, 4, Token);
        await _journal.RequestPositionAsync(Reader, 1, Token);
        var reader = new RecordingReader(stopAfter: 5);
        var loop = new JournalReaderLoop(new JournalReaderOptions { Name = Reader, BatchSize = 10 }, _journal, new JournalSignal(), _time);

        await RunUntilAsync(loop, reader);

        Assert.Equal([1L], reader.Requested);
        Assert.Equal([["e2", "e3", "e4", "e5"]], reader.Batches);
    }

    // Runs until the reader saw its last event, then stops the loop (which would otherwise wait for more).
    private static async Task RunUntilAsync(JournalReaderLoop loop, RecordingReader reader)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);
        reader.Stop = stop;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => loop.RunAsync(reader, stop.Token).WaitAsync(Limit, Token));
    }

    private sealed class RecordingReader(long stopAfter) : IJournalReader
    {
        private int _handled;

        public List<string[]> Batches { get; } = [];

        public List<long> Advances { get; } = [];

        public List<long> Requested { get; } = [];

        public int? DeclineAt { get; init; }

        public int? CancelAt { get; init; }

        public CancellationTokenSource? Stop { get; set; }

        public Task<bool> HandleAsync(IReadOnlyList<JournalEntry> batch, CancellationToken cancellationToken)
        {
            Batches.Add([.. batch.Select(e => e.Event.Id)]);
            _handled++;
            if (_handled == CancelAt)
            {
                Stop!.Cancel();
                cancellationToken.ThrowIfCancellationRequested();
            }

            return Task.FromResult(_handled != DeclineAt);
        }

        public void Advanced(long position, DateTimeOffset at)
        {
            Advances.Add(position);
            if (position >= stopAfter)
            {
                Stop?.Cancel();
            }
        }

        public void PositionRequested(long position, DateTimeOffset at) => Requested.Add(position);

        public void JournalFailed(JournalException failure, DateTimeOffset at, DateTimeOffset retryAt) => throw new InvalidOperationException("unexpected journal failure", failure);
    }
}
