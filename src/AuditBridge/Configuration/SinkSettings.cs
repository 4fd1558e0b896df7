using AuditBridge.Sinks;

namespace AuditBridge.Configuration;

/// <summary>One configured sink: what it takes, and how to build it.</summary>
internal sealed record SinkSettings(
    string Name,
    string Type,
    bool Enabled,
    IReadOnlySet<string>? Sources,
    int MinSeverity,
    string Description,
    Func<ComponentServices, ISink> Create)
{
    /// <summary>Insecure options this sink allows, one sentence each: logged at warning level at every start.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
