namespace AuditBridge.Simulators.Dropbox;

/// <summary>Everything a cursor means, carried inside the cursor itself so it survives a simulator restart.</summary>
/// <param name="Lineage">Identifies the <c>get_events</c> call the cursor descends from; a reset applies to the whole lineage.</param>
/// <param name="PagesServed">Pages served so far on this lineage; drives empty and short pages and makes every cursor string new.</param>
/// <param name="Position">The next index to scan.</param>
/// <param name="LastReturned">Highest index returned so far, or -1; its time is the default <c>reset</c> timestamp.</param>
/// <param name="Limit">The <c>limit</c> of the original request.</param>
/// <param name="Filter">The original request's filters.</param>
internal readonly record struct CursorState(ulong Lineage, int PagesServed, long Position, long LastReturned, int Limit, EventFilter Filter);
