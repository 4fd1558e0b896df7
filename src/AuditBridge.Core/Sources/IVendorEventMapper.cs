using System.Text.Json;
using AuditBridge.Events;

namespace AuditBridge.Sources;

/// <summary>
/// Turns one vendor event, as the vendor's API or CLI wrote it, into the normalized event. Used where events come from
/// somewhere other than the live API (<c>auditbridge convert</c>, files). Pure and thread-safe.
/// </summary>
public interface IVendorEventMapper
{
    /// <summary>Vendor key (<c>dropbox</c>, <c>box</c>, <c>dashlane</c>).</summary>
    string Vendor { get; }

    /// <summary>Says what is wrong when <paramref name="vendorEvent"/> is not an event of this vendor; null when it is.</summary>
    string? Validate(JsonElement vendorEvent);

    /// <summary>Maps a valid event (see <see cref="Validate"/>); its id comes from the vendor's data.</summary>
    AuditEvent Map(JsonElement vendorEvent);
}
