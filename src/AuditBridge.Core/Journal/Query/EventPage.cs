namespace AuditBridge.Journal.Query;

/// <summary>One page of a query, newest first.</summary>
/// <param name="Entries">The events, by event time newest first, then by sequence number highest first.</param>
/// <param name="NextCursor">Where the next page starts (pass it back as is); null when there is no more.</param>
public sealed record EventPage(IReadOnlyList<JournalEntry> Entries, string? NextCursor);
