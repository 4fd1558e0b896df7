using AuditBridge.Pipeline;

namespace AuditBridge.Core.Tests.Pipeline;

public sealed class ExponentialBackoffTests
{
    [Fact]
    public void DelayFor_GrowsExponentiallyWithJitterBetweenHalfAndFullCeiling()
    {
        var backoff = new ExponentialBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), new Random(7));

        var delays = Enumerable.Range(0, 5).Select(backoff.DelayFor).ToArray();

        for (var attempt = 0; attempt < delays.Length; attempt++)
        {
            var ceiling = TimeSpan.FromSeconds(1 << attempt);
            Assert.InRange(delays[attempt], ceiling / 2, ceiling);
        }
    }

    [Fact]
    public void DelayFor_NeverExceedsMaximum_EvenForHugeAttemptNumbers()
    {
        var backoff = new ExponentialBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), new Random(1));

        var delay = backoff.DelayFor(int.MaxValue);

        Assert.InRange(delay, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30));
    }
}
