using AuditBridge.Sinks;

namespace AuditBridge.Configuration;

/// <summary>One configured sink: what it takes, how to build it, and what it promises (<c>udp://</c> syslog: best effort).</summary>
internal sealed record SinkSettings(
    string Name,
    string Type,
    bool Enabled,
    IReadOnlySet<string>? Sources,
    int MinSeverity,
    string Description,
    Func<ComponentServices, ISink> Create,
    DeliveryGuarantee Guarantee)
{
    /// <summary>Insecure options this sink allows, one sentence each: logged at warning level at every start.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
