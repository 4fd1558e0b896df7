using System.Collections.Concurrent;
using AuditBridge.Pipeline;

namespace AuditBridge.Tests.Daemon;

/// <summary>
/// Records what the daemon's loops report and lets a test wait for a condition over it, so tests wait on the
/// daemon's own reports instead of sleeping.
/// </summary>
internal sealed class RecordingObserver : IPipelineObserver
{
    private readonly ConcurrentDictionary<string, long> _positions = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Component, Exception Failure, bool Permanent)> _failures = new();
    private readonly Lock _gate = new();
    private readonly List<(Func<RecordingObserver, bool> Condition, TaskCompletionSource Done)> _waiters = [];
    private long _stored;
    private long _quarantined;

    public long Stored => Interlocked.Read(ref _stored);

    /// <summary>Quarantined events the journal kept for the first time.</summary>
    public long Quarantined => Interlocked.Read(ref _quarantined);

    public IReadOnlyCollection<(string Component, Exception Failure, bool Permanent)> Failures => _failures;

    public long Position(string sink) => _positions.GetValueOrDefault(sink);

    /// <summary>Completes when <paramref name="condition"/> holds (checked after every report), or fails after <paramref name="timeout"/> of real time.</summary>
    public async Task WaitAsync(Func<RecordingObserver, bool> condition, string what, TimeSpan? timeout = null)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (condition(this))
            {
                return;
            }

            _waiters.Add((condition, done));
        }

        // Real I/O (HTTP, SQLite, sockets) runs under the fake clock, so the deadline is real time.
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        if (await Task.WhenAny(done.Task, Task.Delay(limit, TestContext.Current.CancellationToken)) != done.Task)
        {
            Assert.Fail($"{what}: not reached within {limit.TotalSeconds} s (stored {Stored}, positions {string.Join(", ", _positions.Select(p => $"{p.Key}={p.Value}"))}, failures: {string.Join(" | ", _failures.Select(f => $"{f.Component}: {f.Failure.Message}"))})");
        }
    }

    public void PollStarted(string source, DateTimeOffset at)
    {
    }

    public void PageStored(string source, int inserted, int duplicates, DateTimeOffset? newestEventTime, DateTimeOffset at)
    {
        Interlocked.Add(ref _stored, inserted);
        Check();
    }

    public void EventsQuarantined(string source, IReadOnlyList<AuditBridge.Sources.QuarantinedEvent> events, int newlyKept, DateTimeOffset at)
    {
        Interlocked.Add(ref _quarantined, newlyKept);
        Check();
    }

    public void PollSucceeded(string source, DateTimeOffset at) => Check();

    public void PollFailed(string source, Exception failure, DateTimeOffset at, DateTimeOffset? retryAt)
    {
        _failures.Enqueue((source, failure, retryAt is null));
        Check();
    }

    public void BatchDelivered(string sink, int events, int skipped, long position, DateTimeOffset at)
    {
        _positions[sink] = position;
        Check();
    }

    public void DeliveryFailed(string sink, Exception failure, DateTimeOffset at, DateTimeOffset? retryAt)
    {
        _failures.Enqueue((sink, failure, retryAt is null));
        Check();
    }

    public void PositionRequested(string sink, long position, DateTimeOffset at)
    {
        _positions[sink] = position;
        Check();
    }

    private void Check()
    {
        lock (_gate)
        {
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Condition(this))
                {
                    _waiters[i].Done.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
        }
    }
}
