using AuditBridge.Sources;

namespace AuditBridge.Journal;

/// <summary>A quarantined event as the journal keeps it.</summary>
/// <param name="Id">Increasing id, in the order events were kept; read on after it.</param>
/// <param name="Source">The configured source that read it.</param>
/// <param name="Received">When it was kept.</param>
/// <param name="Event">The event, its place in the vendor's stream and why it cannot be mapped.</param>
public sealed record QuarantineEntry(long Id, string Source, DateTimeOffset Received, QuarantinedEvent Event);
