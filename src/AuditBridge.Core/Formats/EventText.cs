using System.Globalization;
using AuditBridge.Events;

namespace AuditBridge.Formats;

/// <summary>How the text formats (JSON lines, CSV) spell enums and instants: fixed strings, invariant culture.</summary>
internal static class EventText
{
    /// <summary>Bytes of a formatted instant: <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>.</summary>
    public const int TimeLength = 24;

    /// <summary>Lower-case kind name; fixed strings, so a Turkish culture cannot turn <c>I</c> into a dotless <c>ı</c>.</summary>
    public static string KindName(PrincipalKind kind) => kind switch
    {
        PrincipalKind.User => "user",
        PrincipalKind.Admin => "admin",
        PrincipalKind.App => "app",
        PrincipalKind.Reseller => "reseller",
        PrincipalKind.System => "system",
        PrincipalKind.Anonymous => "anonymous",
        PrincipalKind.Group => "group",
        PrincipalKind.Team => "team",
        _ => "unknown",
    };

    /// <summary><c>success</c>, <c>failure</c>, or null when the vendor does not say.</summary>
    public static string? OutcomeName(EventOutcome outcome) => outcome switch
    {
        EventOutcome.Success => "success",
        EventOutcome.Failure => "failure",
        _ => null,
    };

    /// <summary>Writes <paramref name="time"/> in UTC as <c>yyyy-MM-ddTHH:mm:ss.fffZ</c> (24 ASCII bytes).</summary>
    public static int WriteTime(DateTimeOffset time, Span<byte> destination)
    {
        // Invariant culture pins the Gregorian calendar and ASCII digits whatever the thread's culture is.
        time.UtcDateTime.TryFormat(destination, out var written, "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'", CultureInfo.InvariantCulture);
        return written;
    }
}
