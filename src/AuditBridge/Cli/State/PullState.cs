using AuditBridge.Sources;

namespace AuditBridge.Cli.State;

/// <summary>
/// What <c>--state FILE</c> keeps between runs of <c>pull</c>: the checkpoint, and the query it belongs to.
/// </summary>
/// <param name="Vendor">Source type (<c>dropbox</c>).</param>
/// <param name="Query">The filters that define the query (without the start time, which only matters for the first run).</param>
/// <param name="StartTime">The start time as given on the first run, for the note when a later run gives another one.</param>
/// <param name="Checkpoint">Where to continue.</param>
/// <param name="SavedAt">When it was saved (UTC).</param>
internal sealed record PullState(
    string Vendor,
    IReadOnlyDictionary<string, string> Query,
    string? StartTime,
    Checkpoint Checkpoint,
    DateTimeOffset SavedAt)
{
    /// <summary>Describes how <paramref name="other"/>'s query differs from this one, or returns null when they are the same.</summary>
    public string? DescribeMismatch(string vendor, IReadOnlyDictionary<string, string> other)
    {
        if (!string.Equals(Vendor, vendor, StringComparison.Ordinal))
        {
            return $"it was saved by 'pull {Vendor}', not 'pull {vendor}'";
        }

        var differences = Query.Keys.Union(other.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Where(key => !string.Equals(Query.GetValueOrDefault(key), other.GetValueOrDefault(key), StringComparison.Ordinal))
            .Select(key => $"{key}: saved {Show(Query.GetValueOrDefault(key))}, now {Show(other.GetValueOrDefault(key))}")
            .ToList();
        return differences.Count == 0 ? null : "its filters differ (" + string.Join("; ", differences) + ")";
    }

    private static string Show(string? value) => value is null ? "none" : $"'{value}'";
}
