using AuditBridge.Settings;
using AuditBridge.Shell;

namespace AuditBridge.Tests.Settings;

public sealed class TimeTextTests
{
    private static readonly DateTimeOffset Now = new(2024, 5, 10, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("2024-05-01T00:00:00Z", "2024-05-01T00:00:00Z")]
    [InlineData("2024-05-01T02:00:00+02:00", "2024-05-01T00:00:00Z")]
    [InlineData("2024-04-30T19:00:00-05:00", "2024-05-01T00:00:00Z")]
    [InlineData("2024-05-01", "2024-05-01T00:00:00Z")]
    [InlineData("7d", "2024-05-03T12:00:00Z")]
    [InlineData("12h", "2024-05-10T00:00:00Z")]
    [InlineData("30m", "2024-05-10T11:30:00Z")]
    [InlineData("90s", "2024-05-10T11:58:30Z")]
    [InlineData("2w", "2024-04-26T12:00:00Z")]
    public void Parse_AcceptsIsoWithZoneDatesAndDurations_AndResolvesToUtc(string text, string expected)
    {
        var resolved = TimeText.Parse("--start-time", text).Resolve(Now);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), resolved);
        Assert.Equal(TimeSpan.Zero, resolved.Offset);
    }

    [Theory]
    [InlineData("2024-05-01T00:00:00", "add Z or an offset")]
    [InlineData("yesterday", "is not a time")]
    [InlineData("7x", "is not a time")]
    [InlineData("-7d", "is not a time")]
    public void Parse_RefusesAmbiguousOrUnknownText(string text, string expected)
    {
        var failure = Assert.Throws<UsageException>(() => TimeText.Parse("--start-time", text));

        Assert.StartsWith("--start-time: ", failure.Message, StringComparison.Ordinal);
        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("300", 300)]
    [InlineData("5m", 300)]
    [InlineData("2h", 7200)]
    public void DurationArgument_ParsesSecondsAndUnits(string text, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), DurationText.Parse("--max-wait", text));
    }
}
