using System.Net.Http.Headers;
using AuditBridge.Net;
using AuditBridge.TestKit.Time;

namespace AuditBridge.Connectors.Tests.Net;

public sealed class RetryAfterHeaderTests
{
    private static readonly DateTimeOffset Now = new(2024, 5, 3, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Now);

    [Theory]
    [InlineData("0", 0)]
    [InlineData("7", 7)]
    [InlineData("3600", 3600)]
    public void Wait_DeltaSeconds_IsTheDeltaAsGiven(string header, int seconds)
    {
        var wait = RetryAfterHeader.Wait(Headers(header), _clock);

        Assert.Equal(TimeSpan.FromSeconds(seconds), wait);
    }

    [Fact]
    public void Wait_HttpDateInTheFuture_IsTheTimeUntilThenOnTheGivenClock()
    {
        var wait = RetryAfterHeader.Wait(Headers("Fri, 03 May 2024 12:02:30 GMT"), _clock);

        Assert.Equal(TimeSpan.FromSeconds(150), wait);
    }

    [Fact]
    public void Wait_HttpDateInThePast_IsZero()
    {
        var wait = RetryAfterHeader.Wait(Headers("Fri, 03 May 2024 11:00:00 GMT"), _clock);

        Assert.Equal(TimeSpan.Zero, wait);
    }

    [Fact]
    public void Wait_NegativeDelta_IsZero()
    {
        var headers = new HttpResponseMessage().Headers;
        headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(-5));

        var wait = RetryAfterHeader.Wait(headers, _clock);

        Assert.Equal(TimeSpan.Zero, wait);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("soon")]
    [InlineData("-5")]
    public void Wait_NoOrInvalidHeader_IsNull(string? header)
    {
        var wait = RetryAfterHeader.Wait(Headers(header), _clock);

        Assert.Null(wait);
    }

    private static HttpResponseHeaders Headers(string? retryAfter)
    {
        var headers = new HttpResponseMessage().Headers;
        if (retryAfter is not null)
        {
            headers.TryAddWithoutValidation("Retry-After", retryAfter);
        }

        return headers;
    }
}
