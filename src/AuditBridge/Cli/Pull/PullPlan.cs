using AuditBridge.Cli.Quarantine;
using AuditBridge.Cli.State;
using AuditBridge.Sinks;
using AuditBridge.Sources;

namespace AuditBridge.Cli.Pull;

/// <summary>Everything one <c>pull</c> run needs, already validated and built.</summary>
/// <param name="Vendor">Source type, for the state file.</param>
/// <param name="Source">The vendor source.</param>
/// <param name="ResumeFrom">The saved checkpoint, or null to start the query.</param>
/// <param name="Sinks">Where records go; each page goes to all of them before the state moves.</param>
/// <param name="State">The state file, when <c>--state</c> was given.</param>
/// <param name="Query">The filters that identify the query, saved with the state.</param>
/// <param name="StartTime">The start time as given, saved for later notes.</param>
/// <param name="Quarantine">Where events that cannot be mapped are kept (<c>--quarantine</c>); null reports them only.</param>
internal sealed record PullPlan(
    string Vendor,
    ISource Source,
    Checkpoint? ResumeFrom,
    IReadOnlyList<ISink> Sinks,
    StateFileStore? State,
    IReadOnlyDictionary<string, string> Query,
    string? StartTime,
    QuarantineFile? Quarantine = null);
