namespace AuditBridge.Simulators.Box;

/// <summary>
/// A <c>GET /2.0/events</c> query in the generator's terms, for computing which events a request sequence must return.
/// </summary>
public sealed record BoxEventQuery
{
    /// <summary>True for <c>admin_logs_streaming</c> (which ignores the time bounds), false for <c>admin_logs</c>.</summary>
    public bool Streaming { get; init; }

    /// <summary>Only these event types; empty for every type.</summary>
    public IReadOnlyList<string> EventTypes { get; init; } = [];

    /// <summary>Inclusive lower bound on the event time (admin_logs only), or null.</summary>
    public DateTimeOffset? CreatedAfter { get; init; }

    /// <summary>Exclusive upper bound on the event time (admin_logs only), or null.</summary>
    public DateTimeOffset? CreatedBefore { get; init; }
}
