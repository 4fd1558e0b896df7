using System.Collections.Frozen;

namespace AuditBridge.Events.Severity;

/// <summary>One vendor's part of a <see cref="SeverityPolicy"/>. Keys compare ignoring case.</summary>
/// <param name="Default">Severity for events no map matches; null falls through to the policy's default.</param>
/// <param name="Categories">Severity per vendor category.</param>
/// <param name="EventTypes">Severity per vendor event type; wins over the category.</param>
internal sealed record VendorSeverity(
    int? Default,
    FrozenDictionary<string, int> Categories,
    FrozenDictionary<string, int> EventTypes);
