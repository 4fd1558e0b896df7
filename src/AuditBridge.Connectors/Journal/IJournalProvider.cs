namespace AuditBridge.Journal;

/// <summary>
/// One journal type: how to check a location and open it. A new type (PostgreSQL) implements this, passes the
/// TestKit journal contract suites unchanged, and adds one line to <see cref="JournalFactory"/>.
/// </summary>
public interface IJournalProvider
{
    /// <summary>The <c>journal.type</c> value that selects this provider.</summary>
    string Type { get; }

    /// <summary>Every problem with the location, one sentence each; empty when it can be opened.</summary>
    IReadOnlyList<string> Validate(JournalLocation location);

    /// <summary>Whether a journal exists there already (a tool never creates one).</summary>
    bool Exists(JournalLocation location);

    /// <summary>Opens the journal; see <see cref="JournalFactory.OpenAsync"/> for the failures.</summary>
    Task<IJournal> OpenAsync(JournalLocation location, TimeProvider time, CancellationToken cancellationToken);
}
