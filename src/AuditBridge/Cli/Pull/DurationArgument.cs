using AuditBridge.Cli.Credentials;

namespace AuditBridge.Cli.Pull;

/// <summary>Parses durations such as <c>300s</c>, <c>5m</c>, <c>1h</c> (also a bare number of seconds).</summary>
internal static class DurationArgument
{
    public static TimeSpan Parse(string option, string text) =>
        TryParse(text, out var duration) ? duration : throw new UsageException($"{option}: '{text}' is not a duration; use a number of seconds or 90s, 5m, 2h, 1d");

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
            if (TimeArgument.Parse("duration", trimmed).Ago is { } ago)
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
