namespace AuditBridge.Pipeline;

/// <summary>
/// Exponential backoff with "equal jitter": half of each delay is fixed, half random, so retries from many
/// workers spread out but never collapse to zero.
/// </summary>
public sealed class ExponentialBackoff
{
    private readonly Random _random;

    /// <summary>Creates a backoff policy.</summary>
    /// <param name="initial">Delay before the first retry (before jitter).</param>
    /// <param name="maximum">Upper bound of any single delay.</param>
    /// <param name="random">Source of jitter; pass a seeded instance in tests.</param>
    public ExponentialBackoff(TimeSpan initial, TimeSpan maximum, Random? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(initial, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maximum, initial);
        Initial = initial;
        Maximum = maximum;
        _random = random ?? Random.Shared;
    }

    /// <summary>Delay before the first retry, before jitter.</summary>
    public TimeSpan Initial { get; }

    /// <summary>Upper bound of any single delay.</summary>
    public TimeSpan Maximum { get; }

    /// <summary>The delay before retry number <paramref name="attempt"/> (0 for the first retry).</summary>
    public TimeSpan DelayFor(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        var exponent = Math.Min(attempt, 30);
        var ceiling = Math.Min(Maximum.Ticks, Initial.Ticks * (1L << exponent));
        var half = ceiling / 2;
        return TimeSpan.FromTicks(half + (long)(_random.NextDouble() * half));
    }
}
