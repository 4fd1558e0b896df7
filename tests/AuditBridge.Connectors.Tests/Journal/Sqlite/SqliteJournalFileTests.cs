using AuditBridge.Events;
using AuditBridge.Journal;
using AuditBridge.Journal.Sqlite;
using AuditBridge.Sources;
using AuditBridge.TestKit;
using AuditBridge.TestKit.Journal;
using AuditBridge.TestKit.Time;

namespace AuditBridge.Connectors.Tests.Journal.Sqlite;

/// <summary>What the SQLite journal does with its files: modes, WAL, the one-daemon lock, shared opens, foreign and newer files.</summary>
public sealed class SqliteJournalFileTests : IDisposable
{
    private const string Source = "acme-dropbox";
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly TempDirectory _directory = TempDirectory.ForCaller();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2024, 5, 3, 10, 41, 7, TimeSpan.Zero));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string DatabasePath => _directory.Combine("journal.db");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task OpenAsync_NewJournal_CreatesTheDatabaseWalShmAndLockFilesOwnerOnly()
    {
        await using var journal = await OpenAsync();

        await journal.AppendAsync(Source, Page(3, "c1"), _time.GetUtcNow(), Token);

        foreach (var file in new[] { DatabasePath, DatabasePath + "-wal", DatabasePath + "-shm", DatabasePath + ".lock" })
        {
            Assert.True(File.Exists(file), $"{file} is missing");
            Assert.Equal(OwnerOnly, File.GetUnixFileMode(file));
        }
    }

    [Fact]
    public async Task OpenAsync_MissingDirectory_CreatesItOwnerOnly()
    {
        var path = _directory.Combine("state/auditbridge/journal.db");

        await using var journal = await OpenAsync(new SqliteJournalOptions { Path = path });

        Assert.Equal(OwnerOnly | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(path));
    }

    [Fact]
    public async Task OpenAsync_WalFileLeftWorldReadable_NarrowsItToTheDatabaseMode()
    {
        await using (var journal = await OpenAsync())
        {
            await journal.AppendAsync(Source, Page(1, "c1"), _time.GetUtcNow(), Token);
        }

        // The sqlite3 shell (or a restore) under a loose umask leaves a log behind that others could read.
        using (var shell = SqliteTestDatabase.Open(DatabasePath))
        {
            SqliteTestDatabase.Execute(shell, "PRAGMA wal_autocheckpoint = 0; INSERT INTO sink_status(sink) VALUES('x')");
            File.SetUnixFileMode(DatabasePath + "-wal", OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            await using var journal = await OpenAsync();

            Assert.Equal(OwnerOnly, File.GetUnixFileMode(DatabasePath + "-wal"));
        }
    }

    [Fact]
    public async Task OpenAsync_NewJournal_IsMarkedAsAJournalInWalModeWithLargePages()
    {
        await using var journal = await OpenAsync();

        Assert.Equal("wal", SqliteTestDatabase.Scalar(DatabasePath, "PRAGMA journal_mode"));
        Assert.Equal((long)SqliteJournal.PageSize, SqliteTestDatabase.Scalar(DatabasePath, "PRAGMA page_size"));
        Assert.Equal((long)SqliteJournalSchema.ApplicationId, SqliteTestDatabase.Scalar(DatabasePath, "PRAGMA application_id"));
        Assert.Equal((long)SqliteJournalSchema.CurrentVersion, SqliteTestDatabase.Scalar(DatabasePath, "SELECT max(version) FROM journal_schema"));
    }

    [Fact]
    public async Task OpenAsync_AgainAfterAClose_DoesNotMigrateTwice()
    {
        await (await OpenAsync()).DisposeAsync();

        await (await OpenAsync()).DisposeAsync();

        Assert.Equal((long)SqliteJournalSchema.CurrentVersion, SqliteTestDatabase.Scalar(DatabasePath, "SELECT count(*) FROM journal_schema"));
    }

    [Fact]
    public async Task OpenAsync_AJournalOfSchemaVersion1_IsUpgradedInPlaceKeepingItsEvents()
    {
        await using (var journal = await OpenAsync())
        {
            await journal.AppendAsync("acme-dropbox", new SourcePage([JournalTestEvents.Event("acme-dropbox", "kept")], new Checkpoint("c1", null, []), HasMore: false), TimeProvider.System.GetUtcNow(), TestContext.Current.CancellationToken);
        }

        // What version 1 wrote: no quarantine table, no sent column, no leases, no query columns, one schema row.
        SqliteTestDatabase.Execute(DatabasePath, Version3 + "DROP TABLE quarantine; ALTER TABLE sink_status DROP COLUMN sent; DELETE FROM journal_schema WHERE version > 1;");

        await using (var upgraded = await OpenAsync())
        {
            Assert.Equal(["kept"], (await upgraded.ReadAsync(0, 10, TestContext.Current.CancellationToken)).Select(e => e.Event.Id));
            Assert.Empty(await upgraded.ReadQuarantineAsync(null, 0, 10, TestContext.Current.CancellationToken));
        }

        Assert.Equal((long)SqliteJournalSchema.CurrentVersion, SqliteTestDatabase.Scalar(DatabasePath, "SELECT max(version) FROM journal_schema"));
    }

    [Fact]
    public async Task OpenAsync_AVersion2Journal_IsMigratedKeepingItsSinkStatusAndCountsSentFromZero()
    {
        await (await OpenAsync()).DisposeAsync();
        using (var shell = SqliteTestDatabase.Open(DatabasePath))
        {
            // What a journal of version 2 looks like: no sent column (nor what version 4 adds).
            SqliteTestDatabase.Execute(shell, Version3 + "ALTER TABLE sink_status DROP COLUMN sent; DELETE FROM journal_schema WHERE version > 2; INSERT INTO sink_status(sink, last_delivery_ms) VALUES('siem', 1000)");
        }

        await using var journal = await OpenAsync();
        var status = (IJournalStatusStore)journal;
        var before = Assert.Single(await status.GetSinkStatusAsync(Token));
        await status.RecordSinkDeliveryAsync("siem", _time.GetUtcNow(), 25, null, Token);

        Assert.Equal((long)SqliteJournalSchema.CurrentVersion, SqliteTestDatabase.Scalar(DatabasePath, "SELECT max(version) FROM journal_schema"));
        Assert.Equal((DateTimeOffset.FromUnixTimeMilliseconds(1000), 0L), (before.LastDelivery!.Value, before.Sent));
        Assert.Equal(25, Assert.Single(await status.GetSinkStatusAsync(Token)).Sent);
    }

    [Fact]
    public async Task OpenAsync_AVersion3Journal_IsMigratedAndItsStoredEventsCanBeQueriedByDescriptionAndPath()
    {
        var stored = JournalTestEvents.Dropbox("acme-dropbox", 200);
        await using (var journal = await OpenAsync())
        {
            await journal.AppendAsync("acme-dropbox", JournalTestEvents.Page(stored, "c1"), _time.GetUtcNow(), Token);
        }

        SqliteTestDatabase.Execute(DatabasePath, Version3 + "DELETE FROM journal_schema WHERE version > 3;");

        await using var upgraded = await OpenAsync();
        var withPath = stored.First(e => AuditBridge.Journal.Query.EventQuery.FirstObjectPath(e) is not null);
        var byPath = await upgraded.QueryAsync(new AuditBridge.Journal.Query.EventQuery { ObjectPathPrefix = AuditBridge.Journal.Query.EventQuery.FirstObjectPath(withPath) }, null, 500, Token);
        var byDescription = await upgraded.QueryAsync(new AuditBridge.Journal.Query.EventQuery { Text = stored[0].Description }, null, 500, Token);

        Assert.Contains(byPath.Entries, e => e.Event.Id == withPath.Id);
        Assert.Contains(byDescription.Entries, e => e.Event.Id == stored[0].Id);
        Assert.Equal(0L, SqliteTestDatabase.Scalar(DatabasePath, "SELECT count(*) FROM events WHERE description IS NULL AND object_path IS NULL"));
        Assert.Empty(await upgraded.GetLeasesAsync(Token));
    }

    /// <summary>Turns the current schema back into version 3's: what version 4 added is removed (the columns' values with it).</summary>
    private const string Version3 = "DROP INDEX events_by_time; ALTER TABLE events DROP COLUMN description; ALTER TABLE events DROP COLUMN object_path; DROP TABLE leases; ";

    [Fact]
    public async Task OpenAsync_WhileAnotherDaemonHasTheJournal_IsRefusedPermanentlyNamingTheLock()
    {
        await using var first = await OpenAsync();

        var error = await Assert.ThrowsAsync<JournalException>(() => OpenAsync());

        Assert.Equal(JournalErrorKind.InUse, error.Kind);
        Assert.False(error.IsTransient);
        Assert.Contains(DatabasePath + ".lock", error.Message, StringComparison.Ordinal);
        Assert.Contains("another auditbridge process", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_AfterTheOtherDaemonClosed_Succeeds()
    {
        await (await OpenAsync()).DisposeAsync();

        await using var second = await OpenAsync();

        Assert.Equal(0, await second.GetHeadAsync(Token));
    }

    [Fact]
    public async Task OpenAsync_SharedNextToTheDaemon_ReadsStatusAndRequestsAPositionTheDaemonTakes()
    {
        await using var daemon = await OpenAsync();
        await daemon.AppendAsync(Source, Page(5, "c1"), _time.GetUtcNow(), Token);
        await ((IJournalStatusStore)daemon).RecordSourcePollAsync(Source, _time.GetUtcNow(), null, Token);
        await using var tool = await OpenAsync(new SqliteJournalOptions { Path = DatabasePath, Shared = true });

        var status = await ((IJournalStatusStore)tool).GetSourceStatusAsync(Token);
        await tool.RequestPositionAsync("siem", 2, Token);

        Assert.Equal(5, Assert.Single(status).EventsToday);
        Assert.Equal(5, (await tool.ReadAsync(0, 100, Token)).Count);
        Assert.Equal(2, await daemon.TakeRequestedPositionAsync("siem", Token));
    }

    [Fact]
    public async Task AppendAsync_OnASharedOpen_IsRefused()
    {
        await using var daemon = await OpenAsync();
        await using var tool = await OpenAsync(new SqliteJournalOptions { Path = DatabasePath, Shared = true });

        await Assert.ThrowsAsync<InvalidOperationException>(() => tool.AppendAsync(Source, Page(1, "c1"), _time.GetUtcNow(), Token));
    }

    [Fact]
    public async Task OpenAsync_SharedWithoutAJournal_ThrowsNotFoundAndCreatesNothing()
    {
        var error = await Assert.ThrowsAsync<JournalException>(() => OpenAsync(new SqliteJournalOptions { Path = DatabasePath, Shared = true }));

        Assert.Equal(JournalErrorKind.NotFound, error.Kind);
        Assert.Contains(DatabasePath, error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_directory.Path));
    }

    [Fact]
    public async Task OpenAsync_ForeignSqliteDatabase_IsRefusedAndLeftUnchanged()
    {
        SqliteTestDatabase.Execute(SqliteTestDatabase.CreateEmpty(DatabasePath), "CREATE TABLE photos(name TEXT)");

        var error = await Assert.ThrowsAsync<JournalException>(() => OpenAsync());

        Assert.Equal(JournalErrorKind.Incompatible, error.Kind);
        Assert.False(error.IsTransient);
        Assert.Contains("not an AuditBridge journal", error.Message, StringComparison.Ordinal);
        Assert.Equal(0L, SqliteTestDatabase.Scalar(DatabasePath, "SELECT count(*) FROM sqlite_schema WHERE name = 'events'"));
    }

    [Fact]
    public async Task OpenAsync_JournalWrittenByANewerVersion_IsRefused()
    {
        await (await OpenAsync()).DisposeAsync();
        SqliteTestDatabase.Execute(DatabasePath, "INSERT INTO journal_schema(version, description, applied_ms) VALUES(99, 'from the future', 0)");

        var error = await Assert.ThrowsAsync<JournalException>(() => OpenAsync());

        Assert.Equal(JournalErrorKind.Incompatible, error.Kind);
        Assert.Contains("schema version 99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_InvalidOptions_ListsEveryProblem()
    {
        var options = new SqliteJournalOptions { Path = _directory.Path, BusyTimeout = TimeSpan.FromSeconds(-1) };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => OpenAsync(options));

        Assert.Contains("is a directory", error.Message, StringComparison.Ordinal);
        Assert.Contains("BusyTimeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppendAsync_AfterDuplicatesAndAFailedAppend_GivesTheNextSequenceWithoutAGap()
    {
        await using var journal = await OpenAsync();
        var first = NewEvents(3);
        await journal.AppendAsync(Source, JournalTestEvents.Page(first, "c1"), _time.GetUtcNow(), Token);
        await journal.AppendAsync(Source, JournalTestEvents.Page([.. first, first[0]], "c1"), _time.GetUtcNow(), Token);
        var failing = new SourcePage(new FailingList<AuditEvent>(NewEvents(5), failAt: 4), Checkpoint.Empty, HasMore: false);
        await Assert.ThrowsAsync<InvalidOperationException>(() => journal.AppendAsync(Source, failing, _time.GetUtcNow(), Token));

        var next = await journal.AppendAsync(Source, Page(2, "c2"), _time.GetUtcNow(), Token);

        Assert.Equal(5, next.LastSequence);
        Assert.Equal(Enumerable.Range(1, 5).Select(i => (long)i), (await journal.ReadAsync(0, 100, Token)).Select(e => e.Sequence));
    }

    private Task<IJournal> OpenAsync(SqliteJournalOptions? options = null) =>
        SqliteJournalFactory.OpenAsync(options ?? new SqliteJournalOptions { Path = DatabasePath }, _time, Token);

    private static AuditEvent[] NewEvents(int count) => [.. Enumerable.Range(0, count).Select(_ => JournalTestEvents.Event(Source))];

    private static SourcePage Page(int count, string position) => JournalTestEvents.Page(NewEvents(count), position);
}
