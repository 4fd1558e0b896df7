namespace AuditBridge.Events;

/// <summary>Where an event came from, as resolved by the vendor.</summary>
/// <param name="City">City name.</param>
/// <param name="Region">Region or state.</param>
/// <param name="Country">Country code.</param>
public sealed record GeoLocation(string? City, string? Region, string? Country);
