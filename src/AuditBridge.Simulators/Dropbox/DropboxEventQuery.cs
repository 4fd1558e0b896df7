namespace AuditBridge.Simulators.Dropbox;

/// <summary>
/// A <c>team_log/get_events</c> query in the generator's terms, for computing which events a request should return.
/// Values use Dropbox's names: <c>logins</c>, <c>login_success</c>, <c>dbid:…</c>.
/// </summary>
public sealed record DropboxEventQuery
{
    /// <summary>Category tag, or null for every category.</summary>
    public string? Category { get; init; }

    /// <summary>Event type tag, or null for every type.</summary>
    public string? EventType { get; init; }

    /// <summary>Account id that must appear as actor, context or participant, or null.</summary>
    public string? AccountId { get; init; }

    /// <summary>Inclusive lower bound on the event timestamp, or null.</summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>Exclusive upper bound on the event timestamp, or null.</summary>
    public DateTimeOffset? EndTime { get; init; }
}
