using AuditBridge.Events.Severity;
using AuditBridge.Journal;
using AuditBridge.Status;

namespace AuditBridge.Configuration;

/// <summary>A validated <c>auditbridge.yaml</c> (docs/configuration.md).</summary>
internal sealed record DaemonConfig(
    string File,
    JournalSettings Journal,
    ListenSettings? Listen,
    LogSettings Log,
    IReadOnlyList<SourceSettings> Sources,
    IReadOnlyList<SinkSettings> Sinks,
    SeverityPolicy Severity)
{
    /// <summary>The status model of this configuration's sources and sinks, read from <paramref name="journal"/>.</summary>
    public Task<StatusReport> ReadStatusAsync(IJournal journal, DateTimeOffset now, CancellationToken cancellationToken) =>
        StatusReader.ReadAsync(
            journal,
            Journal.Path,
            [.. Sources.Select(s => new ConfiguredComponent(s.Name, s.Type, s.Enabled))],
            [.. Sinks.Select(s => new ConfiguredComponent(s.Name, s.Type, s.Enabled, s.Guarantee))],
            now,
            cancellationToken);
}

/// <summary>Where the journal is and how long it keeps delivered events.</summary>
internal sealed record JournalSettings(string Type, string Path, TimeSpan? Retention)
{
    /// <summary>Where the journal is, for the daemon (<paramref name="shared"/> false) or a tool next to it.</summary>
    public JournalLocation Location(bool shared) => new() { Type = Type, Path = Path, Shared = shared };
}

/// <summary>The address of <c>/healthz</c> and <c>/metrics</c>.</summary>
/// <param name="Host">An IP address or <c>localhost</c>.</param>
/// <param name="Port">The port; 0 for any free one.</param>
/// <param name="Remote">Not a loopback address (allowed only with <c>listen_allow_remote: true</c>; warned about at every start).</param>
internal sealed record ListenSettings(string Host, int Port, bool Remote = false);

/// <summary>Log level and line format.</summary>
internal sealed record LogSettings(Microsoft.Extensions.Logging.LogLevel Level, bool Json);
