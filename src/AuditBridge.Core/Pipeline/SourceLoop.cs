using AuditBridge.Journal;
using AuditBridge.Sources;

namespace AuditBridge.Pipeline;

/// <summary>
/// Runs one source on its schedule: poll, wait the interval (with jitter), poll again. A transient failure (of the
/// vendor, or of the journal: locked, disk full) backs off and retries; a permanent one of the source (revoked
/// credentials, a refused filter) stops this source and leaves the others running. A rate-limit wait holds only this
/// source. A permanent journal failure is thrown: without a journal nothing can go on.
/// </summary>
public sealed class SourceLoop
{
    private readonly SourceLoopOptions _options;
    private readonly Collector _collector;
    private readonly TimeProvider _time;
    private readonly IPipelineObserver _observer;
    private readonly Random _random;
    private readonly ExponentialBackoff _backoff;

    /// <summary>Creates the loop.</summary>
    public SourceLoop(SourceLoopOptions options, Collector collector, TimeProvider time, IPipelineObserver observer, Random? random = null)
    {
        _options = options;
        _collector = collector;
        _time = time;
        _observer = observer;
        _random = random ?? Random.Shared;
        _backoff = new ExponentialBackoff(options.InitialBackoff, options.MaxBackoff < options.InitialBackoff ? options.InitialBackoff : options.MaxBackoff, _random);
    }

    /// <summary>Polls until cancelled, or until a permanent failure stops the source (then returns that failure).</summary>
    /// <exception cref="JournalException">The journal failed permanently.</exception>
    public async Task<SourceException?> RunAsync(CancellationToken cancellationToken)
    {
        // A little random delay first (up to 2 s), so many sources (or workers) do not all call their vendors in the
        // same instant; short, because a restart after a crash should catch up at once.
        await Task.Delay(Jittered(TimeSpan.FromTicks(Math.Min(_options.Interval.Ticks / 10, TimeSpan.FromSeconds(1).Ticks)), 1.0), _time, cancellationToken);
        var failures = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _observer.PollStarted(_options.Name, _time.GetUtcNow());
            TimeSpan wait;
            try
            {
                await _collector.RunOnceAsync(cancellationToken);
                failures = 0;
                _observer.PollSucceeded(_options.Name, _time.GetUtcNow());
                wait = Jittered(_options.Interval, _options.Jitter);
            }
            catch (SourceException failure) when (!cancellationToken.IsCancellationRequested)
            {
                if (!failure.IsTransient)
                {
                    _observer.PollFailed(_options.Name, failure, _time.GetUtcNow(), retryAt: null);
                    return failure;
                }

                // Rate limits were already waited out (up to max_wait) inside the source; this is the backoff after.
                wait = _backoff.DelayFor(failures++);

                _observer.PollFailed(_options.Name, failure, _time.GetUtcNow(), _time.GetUtcNow() + wait);
            }
            catch (JournalException failure) when (failure.IsTransient && !cancellationToken.IsCancellationRequested)
            {
                // Nothing of the failed page was stored and the checkpoint did not move: the next poll reads it again.
                wait = _backoff.DelayFor(failures++);
                _observer.PollFailed(_options.Name, failure, _time.GetUtcNow(), _time.GetUtcNow() + wait);
            }

            await Task.Delay(wait, _time, cancellationToken);
        }
    }

    private TimeSpan Jittered(TimeSpan value, double fraction)
    {
        var factor = 1 + (fraction * ((_random.NextDouble() * 2) - 1));
        return TimeSpan.FromTicks(Math.Max(0, (long)(value.Ticks * Math.Max(0, factor))));
    }
}
