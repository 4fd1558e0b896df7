using AuditBridge.Events;

namespace AuditBridge.Sources;

/// <summary>A page of new events, in the order the vendor returned them, and the checkpoint that follows it.</summary>
/// <param name="Events">Events not seen before (already deduplicated against the checkpoint's window).</param>
/// <param name="Checkpoint">Where to resume once these events are stored.</param>
/// <param name="HasMore">True when the vendor said more events are available right away.</param>
/// <param name="DuplicatesDropped">Events of this page that were dropped because they had been seen before.</param>
public sealed record SourcePage(IReadOnlyList<AuditEvent> Events, Checkpoint Checkpoint, bool HasMore, int DuplicatesDropped = 0)
{
    /// <summary>
    /// Events of this page that cannot be mapped: stored with the page (in the same transaction as its checkpoint, so
    /// the checkpoint never moves past one that is not kept) and reported, never delivered.
    /// </summary>
    public IReadOnlyList<QuarantinedEvent> Quarantined { get; init; } = [];
}
