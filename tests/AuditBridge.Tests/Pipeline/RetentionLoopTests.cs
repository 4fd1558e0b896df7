using AuditBridge.Journal;
using AuditBridge.Pipeline;
using AuditBridge.Sources;
using AuditBridge.TestKit;
using AuditBridge.TestKit.Journal;
using AuditBridge.TestKit.Time;

namespace AuditBridge.Tests.Pipeline;

/// <summary>Retention on a real SQLite journal: old events go only once every reader passed them.</summary>
public sealed class RetentionLoopTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    private readonly TempDirectory _directory = TempDirectory.ForCaller();
    private readonly FakeTimeProvider _time = new(Start);
    private readonly List<(long Count, DateTimeOffset Before)> _deleted = [];
    private readonly TaskCompletionSource _firstDeletion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IJournal _journal = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _journal = await JournalFactory.OpenAsync(new JournalLocation { Type = "sqlite", Path = _directory.Combine("journal.db") }, _time, Token);

        // Three events received at the start, two received two hours later.
        await AppendAsync(Start, "old1", "old2", "old3");
        await AppendAsync(Start.AddHours(2), "new1", "new2");
        _time.SetUtcNow(Start.AddHours(2).AddMinutes(30));
    }

    public async ValueTask DisposeAsync()
    {
        await _journal.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task RunOnce_DeletesOnlyOldEventsThatEveryReaderPassed()
    {
        await _journal.SetPositionAsync("siem", 5, Token);
        await _journal.SetPositionAsync("archive", 2, Token);

        var deleted = await Loop(["siem", "archive"]).RunOnceAsync(Token);

        Assert.Equal(2, deleted);
        Assert.Equal(["old3", "new1", "new2"], await IdsAsync());
        Assert.Equal([(2L, Start.AddHours(1).AddMinutes(30))], _deleted);
    }

    [Fact]
    public async Task RunOnce_WithoutReaders_DeletesEverythingOlderThanTheRetention()
    {
        var deleted = await Loop([]).RunOnceAsync(Token);

        Assert.Equal(3, deleted);
        Assert.Equal(["new1", "new2"], await IdsAsync());
    }

    [Fact]
    public async Task RunOnce_WhenAReaderNeverDelivered_DeletesNothing()
    {
        await _journal.SetPositionAsync("siem", 5, Token);

        Assert.Equal(0, await Loop(["siem", "new-sink"]).RunOnceAsync(Token));
        Assert.Empty(_deleted);
        Assert.Equal(5, (await IdsAsync()).Count);
    }

    [Fact]
    public async Task Run_DeletesAtEveryIntervalUntilStopped()
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var running = Loop([]).RunAsync(stop.Token);

        // Nothing before the first interval; the round runs once the clock reaches it.
        Assert.Equal([TimeSpan.FromMinutes(10)], _time.Waits);
        Assert.Empty(_deleted);
        _time.Advance(TimeSpan.FromMinutes(10));
        await _firstDeletion.Task.WaitAsync(Limit, Token);

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.WaitAsync(Limit, Token));
        Assert.Equal(3, _deleted[0].Count);
    }

    private RetentionLoop Loop(string[] readers) => new(
        new RetentionOptions { Retention = TimeSpan.FromHours(1), Readers = readers, Interval = TimeSpan.FromMinutes(10) },
        _journal,
        _time,
        (count, before) =>
        {
            _deleted.Add((count, before));
            _firstDeletion.TrySetResult();
        },
        failure => throw new InvalidOperationException("unexpected", failure));

    private async Task AppendAsync(DateTimeOffset received, params string[] ids)
    {
        var events = ids.Select(id => JournalTestEvents.Event("src", id, received)).ToArray();
        await _journal.AppendAsync("src", new SourcePage(events, new Checkpoint(ids[0], received, []), HasMore: false), received, Token);
    }

    private async Task<List<string>> IdsAsync() => [.. (await _journal.ReadAsync(0, 100, Token)).Select(e => e.Event.Id)];
}
