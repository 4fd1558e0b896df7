using AuditBridge.Formats;
using AuditBridge.Framing;

namespace AuditBridge.Sinks;

/// <summary>How records are separated in line-oriented outputs (files, stdout), decided per format.</summary>
internal static class LineFraming
{
    /// <summary>
    /// The configured method, else: CR LF for <c>csv</c> (RFC 4180's record separator, written unchanged because a
    /// quoted cell may hold a line break), LF for everything else (CEF, LEEF and JSON never contain a raw LF).
    /// </summary>
    public static FramingMethod Resolve(IEventFormatter formatter, FramingMethod? configured) =>
        configured ?? (string.Equals(formatter.Name, "csv", StringComparison.OrdinalIgnoreCase)
            ? FramingMethod.CrLf
            : FramingMethod.Newline);
}
