using System.Globalization;

namespace AuditBridge.Sources.Box;

/// <summary>
/// Box times are RFC 3339 with an offset, usually US-Pacific (<c>2024-05-03T03:41:07-07:00</c>); everything inside
/// AuditBridge is UTC. Query bounds are sent in UTC with <c>Z</c> (valid RFC 3339, and nothing to URL-encode, unlike <c>+</c>).
/// </summary>
internal static class BoxTime
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:sszzz",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd'T'HH:mm:ss'Z'",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
    ];

    /// <summary>
    /// Parses an RFC 3339 time with an offset or <c>Z</c> and converts it to UTC; a time without a zone is refused (every
    /// format names one; <c>AssumeUniversal</c> only makes the literal <c>Z</c> mean UTC instead of the host's zone).
    /// </summary>
    public static bool TryParse(string? text, out DateTimeOffset time)
    {
        if (text is not null
            && DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            time = parsed.ToUniversalTime();
            return true;
        }

        time = default;
        return false;
    }

    public static string Format(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
