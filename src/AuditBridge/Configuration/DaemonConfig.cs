using AuditBridge.Events.Severity;

namespace AuditBridge.Configuration;

/// <summary>A validated <c>auditbridge.yaml</c> (docs/configuration.md).</summary>
internal sealed record DaemonConfig(
    string File,
    JournalSettings Journal,
    ListenSettings? Listen,
    LogSettings Log,
    IReadOnlyList<SourceSettings> Sources,
    IReadOnlyList<SinkSettings> Sinks,
    SeverityPolicy Severity);

/// <summary>Where the journal is and how long it keeps delivered events.</summary>
internal sealed record JournalSettings(string Type, string Path, TimeSpan? Retention);

/// <summary>The local address of <c>/healthz</c> and <c>/metrics</c>.</summary>
internal sealed record ListenSettings(string Host, int Port);

/// <summary>Log level and line format.</summary>
internal sealed record LogSettings(Microsoft.Extensions.Logging.LogLevel Level, bool Json);
