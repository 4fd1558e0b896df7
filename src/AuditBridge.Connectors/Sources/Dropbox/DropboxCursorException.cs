namespace AuditBridge.Sources.Dropbox;

/// <summary>The cursor can no longer be continued: <c>reset</c> (with the time to restart from) or <c>bad_cursor</c>.</summary>
internal sealed class DropboxCursorException : Exception
{
    public DropboxCursorException()
    {
    }

    public DropboxCursorException(string message)
        : base(message)
    {
    }

    public DropboxCursorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DropboxCursorException(string tag, DateTimeOffset? resetTime)
        : base($"get_events/continue answered {tag}")
    {
        Tag = tag;
        ResetTime = resetTime;
    }

    /// <summary><c>reset</c> or <c>bad_cursor</c>.</summary>
    public string Tag { get; } = "bad_cursor";

    /// <summary>For <c>reset</c>: the approximate time of the most recent event the cursor returned.</summary>
    public DateTimeOffset? ResetTime { get; }
}
