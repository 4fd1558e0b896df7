namespace AuditBridge.Journal.Sqlite;

/// <summary>The <c>sqlite</c> journal type: one file, one daemon, any number of readers.</summary>
internal sealed class SqliteJournalProvider : IJournalProvider
{
    public string Type => SqliteJournalFactory.Type;

    public IReadOnlyList<string> Validate(JournalLocation location) => Options(location).Validate();

    public bool Exists(JournalLocation location) => location.Path is { } path && File.Exists(path);

    public Task<IJournal> OpenAsync(JournalLocation location, TimeProvider time, CancellationToken cancellationToken) =>
        SqliteJournalFactory.OpenAsync(Options(location), time, cancellationToken);

    private static SqliteJournalOptions Options(JournalLocation location) =>
        new() { Path = location.Path ?? string.Empty, Shared = location.Shared };
}
