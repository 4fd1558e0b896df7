namespace AuditBridge.Simulators.Dropbox;

/// <summary>Dropbox's <c>DropboxTimestamp</c>: exactly <c>%Y-%m-%dT%H:%M:%SZ</c>, UTC, no fraction (A.2).</summary>
internal static class DropboxTimestamp
{
    private const string Pattern = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'";

    public static string Format(DateTimeOffset value) => value.UtcDateTime.ToString(Pattern, CultureInfo.InvariantCulture);

    public static bool TryParse(string text, out DateTimeOffset value) => DateTimeOffset.TryParseExact(
        text,
        Pattern,
        CultureInfo.InvariantCulture,
        DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
        out value);
}
