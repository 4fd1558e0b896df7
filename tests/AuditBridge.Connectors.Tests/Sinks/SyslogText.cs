using System.Globalization;
using System.Text;
using AuditBridge.Events;

namespace AuditBridge.Connectors.Tests.Sinks;

/// <summary>Expected syslog bytes, written out independently of the code under test.</summary>
internal static class SyslogText
{
    public static int Pri(int eventSeverity, int facility = 20) => (facility * 8) + eventSeverity switch
    {
        <= 3 => 6,
        <= 6 => 4,
        <= 8 => 3,
        _ => 2,
    };

    public static string Rfc5424(AuditEvent auditEvent, string record, string host, string appName = "auditbridge", int facility = 20) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"<{Pri(auditEvent.Severity, facility)}>1 {auditEvent.Time.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'} {host} {appName} - - - {record}");

    public static string Rfc3164(AuditEvent auditEvent, string record, string host, string? tag = null, int facility = 20)
    {
        var time = auditEvent.Time.UtcDateTime;
        var stamp = string.Create(CultureInfo.InvariantCulture, $"{time:MMM} {time.Day,2} {time:HH:mm:ss}");
        return string.Create(CultureInfo.InvariantCulture, $"<{Pri(auditEvent.Severity, facility)}>{stamp} {host} {(tag is null ? string.Empty : tag + ": ")}{record}");
    }

    public static string OctetCounted(string message) =>
        string.Create(CultureInfo.InvariantCulture, $"{Encoding.UTF8.GetByteCount(message)} {message}");

    /// <summary>A HOSTNAME unique to one test, so tests sharing a receiver can tell their messages apart.</summary>
    public static string UniqueHost(string test) => $"{test[..Math.Min(test.Length, 40)]}-{Guid.NewGuid().ToString("N")[..8]}";
}
