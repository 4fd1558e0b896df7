using AuditBridge.Events;

namespace AuditBridge.Journal;

/// <summary>A stored event and its sequence number.</summary>
/// <param name="Sequence">Increasing number given when the event was stored; never reused.</param>
/// <param name="Event">
/// The event as stored: <see cref="AuditEvent.Raw"/> is the vendor JSON byte for byte, <see cref="AuditEvent.Received"/>
/// is when the journal stored it, and every other field is as appended.
/// </param>
public sealed record JournalEntry(long Sequence, AuditEvent Event);
