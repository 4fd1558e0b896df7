using AuditBridge.Journal;
using AuditBridge.TestKit;
using AuditBridge.TestKit.Journal;

namespace AuditBridge.Connectors.Tests.Journal.Sqlite;

/// <summary>The shared journal contract, run against a SQLite journal in a temporary file (never <c>:memory:</c>, so WAL and locks are real).</summary>
public sealed class SqliteJournalTests : JournalContractTests, IDisposable
{
    private readonly TempDirectory _directory = TempDirectory.ForCaller();

    private string DatabasePath => _directory.Combine("journal.db");

    public void Dispose() => _directory.Dispose();

    protected override Task<IJournal> OpenAsync() => JournalFactory.OpenAsync(new JournalLocation { Type = "sqlite", Path = DatabasePath }, Time, Token);

    protected override Task InjectStoreFailureAsync(IJournal journal, string eventId)
    {
        // A trigger in the file makes SQLite itself abort the insert, in the middle of the page's transaction.
        SqliteTestDatabase.Execute(DatabasePath, $"CREATE TRIGGER fail_{eventId} BEFORE INSERT ON events WHEN NEW.id = '{eventId}' BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
        return Task.CompletedTask;
    }
}
