using System.Globalization;

namespace AuditBridge.Sources.Dashlane;

/// <summary>
/// The checkpoint position text. dcli mode and standard input: the newest <c>date_time</c> seen, in epoch milliseconds
/// (<c>1714728912004</c>); the next dcli window starts there minus the overlap. File mode:
/// <c>file:&lt;byte offset&gt;:&lt;line number&gt;:&lt;fingerprint&gt;</c>, where the fingerprint identifies the file
/// (<see cref="Json.FileFingerprint"/>) and the offset is just after the last line of the page.
/// </summary>
internal static class DashlanePosition
{
    private const string FilePrefix = "file:";

    public static string? ForNewest(DateTimeOffset? newest) =>
        newest?.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    public static bool TryParseNewest(string? position, out DateTimeOffset newest)
    {
        if (long.TryParse(position, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            newest = DateTimeOffset.FromUnixTimeMilliseconds(ms);
            return true;
        }

        newest = default;
        return false;
    }

    public static string ForFile(long offset, long line, string? fingerprint) =>
        string.Create(CultureInfo.InvariantCulture, $"{FilePrefix}{offset}:{line}:{fingerprint}");

    public static bool TryParseFile(string? position, out long offset, out long line, out string? fingerprint)
    {
        offset = 0;
        line = 0;
        fingerprint = null;
        if (position is null || !position.StartsWith(FilePrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = position[FilePrefix.Length..].Split(':');
        if (parts.Length != 3
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out offset)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out line))
        {
            offset = 0;
            line = 0;
            return false;
        }

        fingerprint = parts[2].Length == 0 ? null : parts[2];
        return true;
    }
}
