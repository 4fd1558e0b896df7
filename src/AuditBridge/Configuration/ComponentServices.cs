using AuditBridge.Secrets;
using Microsoft.Extensions.Logging;

namespace AuditBridge.Configuration;

/// <summary>What components get when they are built: shared by every source and sink of one daemon.</summary>
/// <param name="Time">The clock for schedules, backoff and Retry-After.</param>
/// <param name="Http">One HTTP client for all sources.</param>
/// <param name="Loggers">Loggers (secrets redacted).</param>
/// <param name="Redactor">Every secret goes here before anything can print it.</param>
/// <param name="Severity">Severity 0..10 for (vendor, category, event type).</param>
internal sealed record ComponentServices(
    TimeProvider Time,
    HttpClient Http,
    ILoggerFactory Loggers,
    SecretRedactor Redactor,
    Func<string, string, string, int> Severity);
