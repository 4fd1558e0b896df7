using System.Globalization;
using AuditBridge.Shell;

namespace AuditBridge.Settings;

/// <summary>
/// A point in time given on the command line: ISO 8601 with <c>Z</c> or an offset (converted to UTC), a date
/// (<c>2024-05-01</c> = midnight UTC), or a duration back from now (<c>90s</c>, <c>30m</c>, <c>12h</c>, <c>7d</c>, <c>2w</c>).
/// A date-time without a zone is refused: guessing the zone is how collectors end up off by hours.
/// </summary>
internal sealed record TimeText(string Text, DateTimeOffset? Absolute, TimeSpan? Ago)
{
    public bool IsRelative => Ago is not null;

    public static TimeText Parse(string option, string text)
    {
        var trimmed = text.Trim();
        if (TryParseDuration(trimmed, out var ago))
        {
            return new TimeText(trimmed, null, ago);
        }

        if (trimmed.Length == 10 && DateTimeOffset.TryParseExact(trimmed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date))
        {
            return new TimeText(trimmed, date, null);
        }

        var hasZone = trimmed.EndsWith('Z') || trimmed.EndsWith('z') || HasOffset(trimmed);
        if (trimmed.Contains('T', StringComparison.OrdinalIgnoreCase) && hasZone
            && DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var instant))
        {
            return new TimeText(trimmed, instant.ToUniversalTime(), null);
        }

        var hint = trimmed.Contains('T', StringComparison.OrdinalIgnoreCase) && !hasZone
            ? " (add Z or an offset such as +02:00: a time without a zone is ambiguous)"
            : string.Empty;
        throw new UsageException($"{option}: '{text}' is not a time{hint}; use ISO 8601 such as 2024-05-01T00:00:00Z, a date such as 2024-05-01, or a duration back from now such as 7d, 12h, 30m");
    }

    public DateTimeOffset Resolve(DateTimeOffset now) => Absolute ?? now - Ago!.Value;

    private static bool HasOffset(string text)
    {
        // ...THH:mm:ss+02:00 or -0500: a sign after the time part.
        var t = text.IndexOfAny(['T', 't']);
        return t > 0 && text.AsSpan(t).IndexOfAny('+', '-') > 0;
    }

    private static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = default;
        if (text.Length < 2 || !long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }

        TimeSpan unit;
        switch (text[^1])
        {
            case 's':
                unit = TimeSpan.FromSeconds(1);
                break;
            case 'm':
                unit = TimeSpan.FromMinutes(1);
                break;
            case 'h':
                unit = TimeSpan.FromHours(1);
                break;
            case 'd':
                unit = TimeSpan.FromDays(1);
                break;
            case 'w':
                unit = TimeSpan.FromDays(7);
                break;
            default:
                return false;
        }

        if (amount > TimeSpan.MaxValue.Ticks / unit.Ticks / 2)
        {
            return false;
        }

        duration = unit * amount;
        return true;
    }
}
