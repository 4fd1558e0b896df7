namespace AuditBridge.Journal;

/// <summary>
/// Which journal to open and how: its type (the <c>journal.type</c> key) with that type's address, and whether the
/// caller owns it or only looks at it. A second journal type adds its own address fields here (PostgreSQL: a
/// connection string), never a second way to open a journal.
/// </summary>
public sealed record JournalLocation
{
    /// <summary>The journal type: one of <see cref="JournalFactory.Types"/>.</summary>
    public required string Type { get; init; }

    /// <summary>The SQLite file (the <c>sqlite</c> type).</summary>
    public string? Path { get; init; }

    /// <summary>
    /// False (the daemon): the caller owns the journal, creates it and brings its schema up to date. True (<c>status</c>,
    /// <c>replay</c>, <c>quarantine</c>, the demo's reader): next to a running daemon, nothing created or upgraded, no
    /// append accepted.
    /// </summary>
    public bool Shared { get; init; }

    /// <summary>Where the journal is, for messages and the start log (never a credential).</summary>
    public string Describe() => $"{Type} {Path}";
}
