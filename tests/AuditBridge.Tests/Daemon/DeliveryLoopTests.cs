using System.Text.Json;
using AuditBridge.Formats;
using AuditBridge.Journal;
using AuditBridge.Journal.Sqlite;
using AuditBridge.Pipeline;
using AuditBridge.Sinks.File;
using AuditBridge.Sources;
using AuditBridge.TestKit;
using AuditBridge.TestKit.Journal;
using AuditBridge.TestKit.Time;

namespace AuditBridge.Tests.Daemon;

/// <summary>
/// A sink's filter (<c>sources:</c> and <c>min_severity:</c>) between the real SQLite journal and a real file sink: an
/// event goes to the sink only when it passes both, and the position still moves past the ones it skips.
/// </summary>
public sealed class DeliveryLoopTests : IAsyncLifetime
{
    private const string Sink = "archive";

    // Real time: a delivery loop that never delivers would otherwise hang the run instead of failing.
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    private static readonly DateTimeOffset Start = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _directory = TempDirectory.ForCaller();
    private readonly FakeTimeProvider _time = new(Start);
    private IJournal _journal = null!;

    public async ValueTask InitializeAsync()
    {
        _journal = await SqliteJournalFactory.OpenAsync(new SqliteJournalOptions { Path = _directory.Combine("journal.db") }, _time, TestContext.Current.CancellationToken);

        // Each source has an event below and one at or above severity 5, the threshold the tests use.
        await AppendAsync("acme-dropbox", ("dbx-low", 4), ("dbx-high", 5));
        await AppendAsync("acme-box", ("box-low", 2), ("box-high", 9));
        await AppendAsync("acme-dashlane", ("dash-low", 0), ("dash-high", 10));
    }

    public async ValueTask DisposeAsync()
    {
        await _journal.DisposeAsync();
        _directory.Dispose();
    }

    [Theory]
    [InlineData(null, 0, new[] { "dbx-low", "dbx-high", "box-low", "box-high", "dash-low", "dash-high" })]
    [InlineData("acme-dropbox,acme-dashlane", 0, new[] { "dbx-low", "dbx-high", "dash-low", "dash-high" })]
    [InlineData(null, 5, new[] { "dbx-high", "box-high", "dash-high" })]
    [InlineData("acme-dropbox,acme-dashlane", 5, new[] { "dbx-high", "dash-high" })]
    [InlineData("acme-box", 10, new string[0])]
    public async Task Run_DeliversOnlyEventsOfTheSelectedSourcesAtOrAboveTheMinimumSeverity(string? sources, int minSeverity, string[] expected)
    {
        var options = new DeliveryLoopOptions
        {
            Name = Sink,
            Sources = sources?.Split(',').ToHashSet(StringComparer.Ordinal),
            MinSeverity = minSeverity,
        };

        await DeliverEverythingAsync(options);

        Assert.Equal(expected, DeliveredIds());
        Assert.Equal(6, await _journal.GetPositionAsync(Sink, TestContext.Current.CancellationToken));
    }

    // A write cut off by the stop (a TCP send cancelled half-way) throws the sink's own failure: that is the stop, and
    // must not be reported as the sink failing (status would show it stopped for good).
    [Fact]
    public async Task Run_WhenTheSinkFailsBecauseTheLoopIsStopping_EndsAsCancelledAndReportsNoFailure()
    {
        var observer = new RecordingObserver();
        await using var sink = new FailingWhenCancelledSink();
        var loop = new DeliveryLoop(new DeliveryLoopOptions { Name = Sink }, sink, _journal, new JournalSignal(), _time, observer);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var running = Task.Run(() => loop.RunAsync(stop.Token), CancellationToken.None);
        await sink.Writing.Task.WaitAsync(Limit, TestContext.Current.CancellationToken);
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.WaitAsync(Limit, TestContext.Current.CancellationToken));
        Assert.Empty(observer.Failures);
        Assert.Equal(0, await _journal.GetPositionAsync(Sink, TestContext.Current.CancellationToken));
    }

    private async Task DeliverEverythingAsync(DeliveryLoopOptions options)
    {
        var observer = new RecordingObserver();
        await using var sink = FileSinkFactory.Create(new FileSinkOptions { Path = _directory.Combine("archive.jsonl") }, EventFormatters.Create("json"), _time, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var loop = new DeliveryLoop(options, sink, _journal, new JournalSignal(), _time, observer);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        // On the thread pool, as in the daemon; the loop runs until cancelled.
        var running = Task.Run(() => loop.RunAsync(stop.Token), CancellationToken.None);
        await observer.WaitAsync(o => o.Position(Sink) == 6, "the loop went past every stored event", Limit);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.WaitAsync(Limit, TestContext.Current.CancellationToken));
    }

    private List<string> DeliveredIds()
    {
        var path = _directory.Combine("archive.jsonl");
        return File.Exists(path)
            ? [.. File.ReadLines(path).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("id").GetString()!)]
            : [];
    }

    private async Task AppendAsync(string source, params (string Id, int Severity)[] events)
    {
        var page = new SourcePage(
            [.. events.Select(e => JournalTestEvents.WithSource(Some.Event(id: e.Id, severity: e.Severity, time: Start), source))],
            new Checkpoint("cursor-" + source, Start, []),
            HasMore: false);
        await _journal.AppendAsync(source, page, Start, TestContext.Current.CancellationToken);
    }

    /// <summary>A transport that fails with its own permanent error once the write is cancelled, as a cut socket does.</summary>
    private sealed class FailingWhenCancelledSink : Sinks.ISink
    {
        public TaskCompletionSource Writing { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Sinks.DeliveryGuarantee Guarantee => Sinks.DeliveryGuarantee.AtLeastOnce;

        public Sinks.SinkStatistics Statistics { get; } = new();

        public async ValueTask WriteAsync(IReadOnlyList<Events.AuditEvent> batch, CancellationToken cancellationToken)
        {
            Writing.TrySetResult();
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                throw new Sinks.SinkException("connection reset while writing", isTransient: false);
            }
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
