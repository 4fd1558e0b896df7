namespace AuditBridge.Configuration;

/// <summary>The keys every source has, read once by the loader and handed to the type's binder.</summary>
/// <param name="Name">Unique source name (stamped on every event).</param>
/// <param name="Start">How far back a new source backfills.</param>
/// <param name="Lag">How far behind now time-window queries stay (for vendors that publish late).</param>
internal sealed record SourceCommon(string Name, TimeSpan Start, TimeSpan Lag);
