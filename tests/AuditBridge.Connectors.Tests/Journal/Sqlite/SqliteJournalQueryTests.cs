using AuditBridge.Journal;
using AuditBridge.TestKit;
using AuditBridge.TestKit.Journal;

namespace AuditBridge.Connectors.Tests.Journal.Sqlite;

/// <summary>The query contract against a SQLite journal in a temporary file.</summary>
public sealed class SqliteJournalQueryTests : JournalQueryContractTests, IDisposable
{
    private readonly TempDirectory _directory = TempDirectory.ForCaller();

    public void Dispose() => _directory.Dispose();

    protected override Task<IJournal> OpenAsync() => JournalFactory.OpenAsync(new JournalLocation { Type = "sqlite", Path = _directory.Combine("journal.db") }, Time, Token);
}
