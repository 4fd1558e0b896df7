namespace AuditBridge.Sources;

/// <summary>
/// A vendor event that was read but cannot become a normalized event (it lacks what every event needs, or mapping it
/// failed). It is kept, with what is needed to find and inspect it, instead of stopping the source: one hostile or
/// broken event must not cost a tenant its log. Quarantined events are stored and counted, never delivered.
/// </summary>
/// <param name="Vendor">Vendor key (<c>dropbox</c>, <c>box</c>, <c>dashlane</c>).</param>
/// <param name="Position">Where it was in the vendor's stream, in words: the request or file line and its place in the page.</param>
/// <param name="Error">Why it cannot be mapped; text from the event, never a secret.</param>
/// <param name="Raw">The vendor's event JSON, byte for byte.</param>
public sealed record QuarantinedEvent(string Vendor, string Position, string Error, ReadOnlyMemory<byte> Raw);
