using AuditBridge.Secrets;
using Microsoft.Extensions.Logging;

namespace AuditBridge.Components;

/// <summary>What a sink gets when it is built, from either front end.</summary>
/// <param name="Time">The clock of schedules and rotation.</param>
/// <param name="Loggers">Where a sink reports (a torn record cut from a file).</param>
/// <param name="Redactor">Every secret goes here before anything can print it.</param>
/// <param name="StandardOutput">Where the stdout sink writes; null: the process's standard output.</param>
internal sealed record SinkServices(TimeProvider Time, ILoggerFactory Loggers, SecretRedactor Redactor, Stream? StandardOutput = null);
