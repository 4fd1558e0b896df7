namespace AuditBridge.Daemon;

/// <summary>A gauge value computed at scrape time (backlog, checkpoint lag).</summary>
internal sealed record GaugeSample(string Name, string Help, IReadOnlyList<KeyValuePair<string, string>> Labels, double Value);
