namespace AuditBridge.Sinks.Syslog;

/// <summary>
/// Spaces datagrams out to at most a given number per second (the generic cell rate algorithm: each datagram has a due
/// time one interval after the previous one's, and may leave up to a short burst window early). UDP has no flow
/// control: a sender that goes faster than the receiver reads overflows the receiver's socket buffer, and the kernel
/// drops the rest without a word; a receiver with default buffers holds a few hundred datagrams.
/// </summary>
/// <remarks>
/// Time comes from the injected <see cref="TimeProvider"/> (tests run on a fake clock). The burst window is 10 ms, or
/// 100 datagrams at high rates, whichever is shorter: long enough that a late timer does not cost throughput, short
/// enough that a burst fits any receiver's buffer. Credit does not pile up while idle.
/// </remarks>
internal sealed class DatagramPacer
{
    private static readonly TimeSpan MaximumBurst = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan ShortestWait = TimeSpan.FromMilliseconds(1);

    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly TimeSpan _burst;
    private readonly long _origin;
    private TimeSpan _due;

    /// <param name="perSecond">Datagrams per second, at least 1.</param>
    /// <param name="time">The clock that waits are taken from.</param>
    public DatagramPacer(int perSecond, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perSecond, 1);
        _time = time;
        _interval = TimeSpan.FromTicks(TimeSpan.TicksPerSecond / perSecond);
        _burst = TimeSpan.FromTicks(Math.Min(MaximumBurst.Ticks, 100 * _interval.Ticks));
        _origin = time.GetTimestamp();
    }

    /// <summary>Completes when the next datagram may be sent (at once while within the rate).</summary>
    public async ValueTask WaitTurnAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var now = _time.GetElapsedTime(_origin);
            if (_due < now)
            {
                _due = now;
            }

            var early = _due - now - _burst;
            if (early <= TimeSpan.Zero)
            {
                break;
            }

            // At least 1 ms: shorter timers fire at once and would only spin.
            await Task.Delay(early < ShortestWait ? ShortestWait : early, _time, cancellationToken);
        }

        _due += _interval;
    }
}
