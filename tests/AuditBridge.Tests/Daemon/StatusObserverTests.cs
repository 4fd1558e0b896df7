using System.Collections.Concurrent;
using AuditBridge.Daemon;
using AuditBridge.Journal;
using AuditBridge.Secrets;
using Microsoft.Extensions.Logging.Abstractions;

namespace AuditBridge.Tests.Daemon;

/// <summary>
/// The status rows the daemon's status observer writes: successes that queue up behind a slow journal merge into one row with
/// the latest time and all their records, failures are each written, and everything queued is written before the
/// observer is gone.
/// </summary>
[Collection(InProcessDaemon.Name)]
public sealed class StatusObserverTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task BatchDelivered_ManyWhileAStatusWriteIsSlow_WritesTheLatestTimeOnceAfterIt()
    {
        var store = new HeldStatusStore();
        var observer = new StatusObserver(store, new SecretRedactor(), NullLogger.Instance);

        observer.BatchDelivered("siem", 500, 0, 500, Start);
        await store.FirstWriteStarted.WaitAsync(Limit, TestContext.Current.CancellationToken);
        for (var batch = 2; batch <= 100; batch++)
        {
            observer.BatchDelivered("siem", 500, 0, batch * 500, Start.AddSeconds(batch));
        }

        observer.DeliveryFailed("siem", new InvalidOperationException("receiver reset the connection"), Start.AddSeconds(101), Start.AddSeconds(102));
        store.Release();
        await observer.DisposeAsync();

        Assert.Equal(
            [("siem", Start, null), ("siem", Start.AddSeconds(100), null), ("siem", Start.AddSeconds(101), "receiver reset the connection")],
            store.Writes);
        Assert.Equal(100 * 500, store.Sent("siem"));
    }

    [Fact]
    public async Task BatchDelivered_TwoSinks_KeepsEachSinksLatestTime()
    {
        var store = new HeldStatusStore();
        var observer = new StatusObserver(store, new SecretRedactor(), NullLogger.Instance);

        observer.BatchDelivered("siem", 500, 0, 500, Start);
        await store.FirstWriteStarted.WaitAsync(Limit, TestContext.Current.CancellationToken);
        observer.BatchDelivered("archive", 500, 0, 500, Start.AddSeconds(1));
        observer.BatchDelivered("siem", 500, 0, 1000, Start.AddSeconds(2));
        observer.BatchDelivered("archive", 500, 0, 1000, Start.AddSeconds(3));
        store.Release();
        await observer.DisposeAsync();

        Assert.Equal(
            [("siem", Start, null), ("archive", Start.AddSeconds(3), null), ("siem", Start.AddSeconds(2), null)],
            store.Writes);
        Assert.Equal((1000, 1000), (store.Sent("siem"), store.Sent("archive")));
    }

    [Fact]
    public async Task DeliveryFailed_WhenTheMessageQuotesASecretAndControlCharacters_StoresAndReportsItRedactedOnOneLine()
    {
        var store = new HeldStatusStore();
        store.Release();
        var redactor = new SecretRedactor();
        redactor.Add(new Secret("Bearer 3f9c1a7e5b2d8c4f", "env WEBHOOK_AUTH"));
        var observer = new StatusObserver(store, redactor, NullLogger.Instance);

        observer.DeliveryFailed("siem", new InvalidOperationException("receiver said 3f9c1a7e5b2d8c4f\u001b[2J\nforged line"), Start, retryAt: null);
        await observer.DisposeAsync();

        Assert.Equal("receiver said ***\\x1B[2J\\nforged line", Assert.Single(store.Writes).Failure);
        Assert.Equal("receiver said ***\\x1B[2J\\nforged line", observer.Stopped["siem"]);
    }

    /// <summary>Records sink status writes; the first one waits until <see cref="Release"/>, like a journal busy with an append.</summary>
    private sealed class HeldStatusStore : IJournalStatusStore
    {
        private readonly TaskCompletionSource _firstWriteStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ConcurrentQueue<(string Sink, DateTimeOffset At, string? Failure)> _writes = new();
        private readonly ConcurrentDictionary<string, long> _sent = new(StringComparer.Ordinal);

        public Task FirstWriteStarted => _firstWriteStarted.Task;

        public IReadOnlyList<(string Sink, DateTimeOffset At, string? Failure)> Writes => [.. _writes];

        public long Sent(string sink) => _sent.GetValueOrDefault(sink);

        public void Release() => _released.TrySetResult();

        public async Task RecordSinkDeliveryAsync(string sink, DateTimeOffset at, long sent, string? failure, CancellationToken cancellationToken)
        {
            _writes.Enqueue((sink, at, failure));
            _sent.AddOrUpdate(sink, sent, (_, total) => total + sent);
            _firstWriteStarted.TrySetResult();
            await _released.Task.WaitAsync(Limit, cancellationToken);
        }

        public Task RecordSourcePollAsync(string source, DateTimeOffset at, string? failure, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<IReadOnlyList<SourceStatus>> GetSourceStatusAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<SinkStatus>> GetSinkStatusAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
