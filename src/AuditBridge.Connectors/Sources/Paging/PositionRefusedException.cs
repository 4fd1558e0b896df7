namespace AuditBridge.Sources.Paging;

/// <summary>
/// The vendor refused to continue from a position (Dropbox <c>reset</c> or <c>bad_cursor</c>, Box "Invalid stream
/// position"). Thrown by a vendor's fetch, caught by <see cref="PagingSource{TRequest}"/>, which restarts through
/// <see cref="IPagingVendor{TRequest}.Restart"/>; it never leaves the engine.
/// </summary>
internal sealed class PositionRefusedException : Exception
{
    public PositionRefusedException()
    {
    }

    public PositionRefusedException(string message)
        : base(message)
    {
    }

    public PositionRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <param name="message">What the vendor did, in words, for the log (<c>Dropbox reset the cursor</c>).</param>
    /// <param name="code">The vendor's name for the refusal (<c>reset</c>, <c>bad_cursor</c>), when it has one.</param>
    /// <param name="restartHint">A time the vendor says to restart from (Dropbox's reset timestamp); the engine restarts from the earlier of it and the newest event seen.</param>
    public PositionRefusedException(string message, string? code, DateTimeOffset? restartHint)
        : base(message)
    {
        Code = code;
        RestartHint = restartHint;
    }

    /// <summary>The vendor's name for the refusal, when it has one.</summary>
    public string? Code { get; }

    /// <summary>The time the vendor says to restart from, when it says one.</summary>
    public DateTimeOffset? RestartHint { get; }
}
