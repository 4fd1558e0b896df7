namespace AuditBridge.Journal;

/// <summary>How a source is doing, as <c>auditbridge status</c> and the console show it.</summary>
/// <param name="Source">Configured source name.</param>
/// <param name="Position">The stored checkpoint's vendor position; null before the first page.</param>
/// <param name="NewestEventTime">The stored checkpoint's newest event time (lag = now minus this).</param>
/// <param name="LastPoll">When the source was last polled, successfully or not.</param>
/// <param name="LastSuccess">When a poll last succeeded.</param>
/// <param name="LastError">The text of the last failed poll; still set after later successes (compare the times).</param>
/// <param name="LastErrorTime">When the last poll failed.</param>
/// <param name="LastStored">When the journal last stored a new event of this source.</param>
/// <param name="EventsToday">New events of this source stored since midnight UTC.</param>
/// <param name="Quarantined">Events of this source the journal keeps in quarantine (read, but not mappable).</param>
public sealed record SourceStatus(
    string Source,
    string? Position,
    DateTimeOffset? NewestEventTime,
    DateTimeOffset? LastPoll,
    DateTimeOffset? LastSuccess,
    string? LastError,
    DateTimeOffset? LastErrorTime,
    DateTimeOffset? LastStored,
    long EventsToday,
    long Quarantined);
