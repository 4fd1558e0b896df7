using AuditBridge.Sources;

namespace AuditBridge.Configuration;

/// <summary>One configured source: its schedule, and how to build it once the daemon has its shared services.</summary>
internal sealed record SourceSettings(
    string Name,
    string Type,
    bool Enabled,
    TimeSpan Interval,
    TimeSpan Start,
    TimeSpan Lag,
    Func<ComponentServices, ISource> Create)
{
    /// <summary>Insecure options this source allows, one sentence each: logged at warning level at every start.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
