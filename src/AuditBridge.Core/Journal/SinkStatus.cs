namespace AuditBridge.Journal;

/// <summary>How a sink is doing, as <c>auditbridge status</c> and the console show it.</summary>
/// <param name="Sink">Configured sink name.</param>
/// <param name="Position">Sequence number up to which the sink has delivered.</param>
/// <param name="RequestedPosition">A position requested by another process and not yet taken by the delivery loop.</param>
/// <param name="Pending">Events stored after <paramref name="Position"/>: the sink's backlog.</param>
/// <param name="LastDelivery">When a delivery last succeeded.</param>
/// <param name="LastError">The text of the last failed delivery; still set after later successes (compare the times).</param>
/// <param name="LastErrorTime">When the last delivery failed.</param>
/// <param name="Sent">Records (for UDP: datagrams) the sink handed off in completed batches, over the journal's life.</param>
public sealed record SinkStatus(
    string Sink,
    long Position,
    long? RequestedPosition,
    long Pending,
    DateTimeOffset? LastDelivery,
    string? LastError,
    DateTimeOffset? LastErrorTime,
    long Sent);
