using AuditBridge.Sinks;

namespace AuditBridge.Components;

/// <summary>A sink read from a front end: how to build it, what the start log says about it, and what it promises.</summary>
/// <param name="Type">The sink type (<c>syslog</c>).</param>
/// <param name="Create">Builds the sink; called only when the options had no error.</param>
/// <param name="Description">One line for the start log and <c>check</c>; never a secret.</param>
/// <param name="Guarantee">At least once, or best effort (<c>udp://</c> syslog).</param>
internal sealed record SinkBinding(string Type, Func<SinkServices, ISink> Create, string Description, DeliveryGuarantee Guarantee);
