using AuditBridge.Sinks;

namespace AuditBridge.Status;

/// <summary>
/// A source or sink as the configuration names it, for the status model: a component the configuration has and the
/// journal never heard of still shows (never polled, nothing delivered), and one the journal remembers but the
/// configuration dropped does not.
/// </summary>
/// <param name="Name">The component's name (the journal's key).</param>
/// <param name="Type">Its type (<c>dropbox</c>, <c>syslog</c> …).</param>
/// <param name="Enabled">False when the configuration keeps it disabled.</param>
/// <param name="Guarantee">A sink's delivery guarantee (sources: <see cref="DeliveryGuarantee.AtLeastOnce"/>).</param>
public sealed record ConfiguredComponent(string Name, string Type, bool Enabled, DeliveryGuarantee Guarantee = DeliveryGuarantee.AtLeastOnce);
