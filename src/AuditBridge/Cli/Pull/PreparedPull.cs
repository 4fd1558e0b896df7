using AuditBridge.Sources;

namespace AuditBridge.Cli.Pull;

/// <summary>A vendor's validated query.</summary>
/// <param name="Query">The filters that identify the query, saved with the state (no start time: it only shapes the first run).</param>
/// <param name="CreateSource">Creates the source once the state and outputs are ready.</param>
internal sealed record PreparedPull(IReadOnlyDictionary<string, string> Query, Func<ISource> CreateSource);
