namespace AuditBridge.Events;

/// <summary>A named fragment of the vendor event, kept as compact JSON for formats that carry it whole (CEF <c>csN</c>).</summary>
/// <param name="Name">Stable key of the fragment, for example <c>details</c> or <c>actor</c>.</param>
/// <param name="Label">Human label written next to the value (CEF <c>csNLabel</c>).</param>
/// <param name="Json">Compact UTF-8 JSON.</param>
public sealed record EventSection(string Name, string Label, ReadOnlyMemory<byte> Json);
