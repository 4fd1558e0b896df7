using AuditBridge.Shell;

namespace AuditBridge.Settings;

/// <summary>Parses durations such as <c>300s</c>, <c>5m</c>, <c>1h</c> (also a bare number of seconds).</summary>
internal static class DurationText
{
    public static TimeSpan Parse(string option, string text) =>
        TryParse(text, out var duration) ? duration : throw new UsageException($"{option}: '{text}' is not a duration; use a number of seconds or 90s, 5m, 2h, 1d");

    /// <summary>
    /// As <see cref="Parse(string, string)"/>, refusing anything shorter than <paramref name="minimum"/>: a timeout of
    /// <c>0s</c> would fail every request at once, after the retries, with an error that points nowhere near the flag.
    /// </summary>
    public static TimeSpan Parse(string option, string text, TimeSpan minimum)
    {
        var duration = Parse(option, text);
        return duration >= minimum
            ? duration
            : throw new UsageException($"{option} must be at least {Describe(minimum)}, got '{text.Trim()}'");
    }

    /// <summary>A duration as it is written in options and configuration: <c>1s</c>, <c>5m</c>, <c>2h</c>, <c>1d</c>, or seconds.</summary>
    public static string Describe(TimeSpan duration) => duration.Ticks switch
    {
        _ when duration.Ticks % TimeSpan.TicksPerDay == 0 => $"{duration.Ticks / TimeSpan.TicksPerDay}d",
        _ when duration.Ticks % TimeSpan.TicksPerHour == 0 => $"{duration.Ticks / TimeSpan.TicksPerHour}h",
        _ when duration.Ticks % TimeSpan.TicksPerMinute == 0 => $"{duration.Ticks / TimeSpan.TicksPerMinute}m",
        _ => $"{duration.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}s",
    };

    public static bool TryParse(string text, out TimeSpan duration)
    {
        var trimmed = text.Trim();
        if (long.TryParse(trimmed, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
        {
            duration = TimeSpan.FromSeconds(seconds);
            return true;
        }

        try
        {
            if (TimeText.Parse("duration", trimmed).Ago is { } ago)
            {
                duration = ago;
                return true;
            }
        }
        catch (UsageException)
        {
        }

        duration = default;
        return false;
    }
}
