namespace AuditBridge.Status;

/// <summary>What <c>status --json</c> prints (snake_case keys; times RFC 3339 UTC with a Z; null when never).</summary>
public sealed record StatusReport(string Journal, long Head, DateTimeOffset Now, IReadOnlyList<SourceReport> Sources, IReadOnlyList<SinkReport> Sinks);

/// <summary>
/// One source in <see cref="StatusReport"/>; <paramref name="Quarantined"/> counts the events the journal keeps in
/// quarantine (<c>auditbridge quarantine list</c>); <paramref name="Failing"/> when the last error is newer than the last success.
/// </summary>
public sealed record SourceReport(
    string Name,
    string Type,
    bool Enabled,
    DateTimeOffset? LastPoll,
    DateTimeOffset? LastSuccess,
    DateTimeOffset? NewestEventTime,
    double? LagSeconds,
    long EventsToday,
    long Quarantined,
    DateTimeOffset? LastStored,
    string? Checkpoint,
    string? LastError,
    DateTimeOffset? LastErrorTime,
    bool Failing);

/// <summary>
/// One sink in <see cref="StatusReport"/>; <paramref name="Guarantee"/> is <c>at_least_once</c> or <c>best_effort</c>
/// (UDP), <paramref name="Sent"/> the records (UDP: datagrams) handed off in completed batches, <paramref name="Failing"/>
/// true when the last error is newer than the last delivery.
/// </summary>
public sealed record SinkReport(
    string Name,
    string Type,
    string Guarantee,
    bool Enabled,
    long Position,
    long Backlog,
    long? RequestedPosition,
    long Sent,
    DateTimeOffset? LastDelivery,
    string? LastError,
    DateTimeOffset? LastErrorTime,
    bool Failing);
