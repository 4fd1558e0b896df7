namespace AuditBridge.Sources;

/// <summary>An event id and its time, as kept in a checkpoint's window of recent events.</summary>
/// <param name="Id">Event id.</param>
/// <param name="Time">Event time (UTC).</param>
public readonly record struct SeenEvent(string Id, DateTimeOffset Time);
