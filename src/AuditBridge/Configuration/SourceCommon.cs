namespace AuditBridge.Configuration;

/// <summary>The keys every source has, read once by the loader and handed to the type's binder.</summary>
/// <param name="Name">Unique source name (stamped on every event).</param>
/// <param name="Start">How far back a new source backfills.</param>
/// <param name="Lag">How far behind now time-window queries stay (for vendors that publish late).</param>
internal sealed record SourceCommon(string Name, TimeSpan Start, TimeSpan Lag)
{
    /// <summary>
    /// Refuses <c>lag</c> on a source that reads by cursor: the vendor's cursor also returns events that arrive late,
    /// so a lag there would do nothing, and a key that silently does nothing misleads whoever set it.
    /// </summary>
    public void RefuseLag(ConfigMap map, string type)
    {
        if (Lag > TimeSpan.Zero)
        {
            map.Error(null, "lag", $"a {type} source reads by cursor, which also returns events that arrive late; lag applies to sources that query time windows (dashlane). Remove it");
        }
    }
}
