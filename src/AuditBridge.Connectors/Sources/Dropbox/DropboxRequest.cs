namespace AuditBridge.Sources.Dropbox;

/// <summary>What changes between two team_log calls of one read.</summary>
/// <param name="Cursor">The cursor to continue (<c>get_events/continue</c>); null starts the query (<c>get_events</c>).</param>
/// <param name="StartTime">With no cursor: the start time to ask for; null asks for the query's own start.</param>
internal readonly record struct DropboxRequest(string? Cursor, DateTimeOffset? StartTime);
