using AuditBridge.Events;
using AuditBridge.Journal;
using AuditBridge.Journal.Sqlite;
using AuditBridge.Sources;
using AuditBridge.TestKit;
using AuditBridge.TestKit.Journal;
using AuditBridge.TestKit.Time;
using Microsoft.Data.Sqlite;

namespace AuditBridge.Connectors.Tests.Journal.Sqlite;

/// <summary>A full disk, a lock held by another process, a damaged file: a clear, classified error, and an intact journal afterwards.</summary>
public sealed class SqliteJournalFailureTests : IDisposable
{
    private const string Source = "acme-dropbox";

    private readonly TempDirectory _directory = TempDirectory.ForCaller();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2024, 5, 3, 10, 41, 7, TimeSpan.Zero));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string DatabasePath => _directory.Combine("journal.db");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task AppendAsync_DiskFull_ThrowsTransientDiskFullStoresNothingAndLeavesTheJournalIntact()
    {
        // SQLite reports a full disk (ENOSPC) and a reached max_page_count with the same SQLITE_FULL, through the same
        // rollback path; a real tiny file system would need root to mount.
        var events = JournalTestEvents.Dropbox(Source, 300);
        await using (var journal = await OpenAsync())
        {
            await journal.AppendAsync(Source, Page(events[..100], "c1"), Now, Token);
        }

        var pages = (long)SqliteTestDatabase.Scalar(DatabasePath, "PRAGMA page_count")!;
        await using (var capped = await OpenAsync(new SqliteJournalOptions { Path = DatabasePath, MaxPageCount = pages + 2 }))
        {
            var error = await Assert.ThrowsAsync<JournalException>(() => capped.AppendAsync(Source, Page(events[100..], "c2"), Now, Token));

            Assert.Equal(JournalErrorKind.DiskFull, error.Kind);
            Assert.True(error.IsTransient);
            Assert.Contains(DatabasePath, error.Message, StringComparison.Ordinal);
            Assert.Contains("disk is full", error.Message, StringComparison.Ordinal);
            Assert.Equal(100, (await capped.ReadAsync(0, 1000, Token)).Count);
            Assert.Equal("c1", (await capped.GetCheckpointAsync(Source, Token))?.Position);
            Assert.Equal("ok", SqliteTestDatabase.IntegrityCheck(DatabasePath));
        }

        await using var freed = await OpenAsync();
        var retried = await freed.AppendAsync(Source, Page(events[100..], "c2"), Now, Token);
        Assert.Equal(200, retried.Inserted);
        Assert.Equal("ok", SqliteTestDatabase.IntegrityCheck(DatabasePath));
    }

    [Fact]
    public async Task AppendAsync_WriteLockHeldPastTheBusyTimeout_ThrowsTransientLockedWhileReadsGoOn()
    {
        await using var journal = await OpenAsync(new SqliteJournalOptions { Path = DatabasePath, BusyTimeout = TimeSpan.FromMilliseconds(200) });
        await journal.AppendAsync(Source, Page(JournalTestEvents.Dropbox(Source, 10), "c1"), Now, Token);
        using var other = SqliteTestDatabase.Open(DatabasePath);
        SqliteTestDatabase.Execute(other, "BEGIN EXCLUSIVE");

        var error = await Assert.ThrowsAsync<JournalException>(() => journal.AppendAsync(Source, Page([JournalTestEvents.Event(Source)], "c2"), Now, Token));

        Assert.Equal(JournalErrorKind.Locked, error.Kind);
        Assert.True(error.IsTransient);
        Assert.Contains(DatabasePath, error.Message, StringComparison.Ordinal);
        Assert.Contains("busy timeout (0.2 s)", error.Message, StringComparison.Ordinal);
        Assert.Equal(10, (await journal.ReadAsync(0, 100, Token)).Count);
        SqliteTestDatabase.Execute(other, "ROLLBACK");
        Assert.Equal(1, (await journal.AppendAsync(Source, Page([JournalTestEvents.Event(Source)], "c2"), Now, Token)).Inserted);
        Assert.Equal("ok", SqliteTestDatabase.IntegrityCheck(DatabasePath));
    }

    [Fact]
    public async Task SetPositionAsync_WriteLockHeldPastTheBusyTimeout_ThrowsTransientLockedAndKeepsThePosition()
    {
        await using var journal = await OpenAsync(new SqliteJournalOptions { Path = DatabasePath, BusyTimeout = TimeSpan.FromMilliseconds(100) });
        await journal.SetPositionAsync("siem", 5, Token);
        using var other = SqliteTestDatabase.Open(DatabasePath);
        SqliteTestDatabase.Execute(other, "BEGIN EXCLUSIVE");

        var error = await Assert.ThrowsAsync<JournalException>(() => journal.SetPositionAsync("siem", 9, Token));

        Assert.Equal(JournalErrorKind.Locked, error.Kind);
        Assert.Equal(5, await journal.GetPositionAsync("siem", Token));
    }

    [Fact]
    public async Task OpenAsync_GarbageFile_ThrowsPermanentCorruptNamingTheFileAndTheFix()
    {
        var garbage = new byte[64 * 1024];
        new Random(3).NextBytes(garbage);
        await File.WriteAllBytesAsync(DatabasePath, garbage, Token);

        var error = await Assert.ThrowsAsync<JournalException>(() => OpenAsync());

        Assert.Equal(JournalErrorKind.Corrupt, error.Kind);
        Assert.False(error.IsTransient);
        Assert.Contains(DatabasePath, error.Message, StringComparison.Ordinal);
        Assert.Contains("restore it from a backup", error.Message, StringComparison.Ordinal);
        Assert.Equal(garbage, await File.ReadAllBytesAsync(DatabasePath, Token));
    }

    [Fact]
    public async Task ReadAsync_DamagedPages_ThrowsPermanentCorrupt()
    {
        await using (var journal = await OpenAsync())
        {
            await journal.AppendAsync(Source, Page(JournalTestEvents.Dropbox(Source, 400), "c1"), Now, Token);
        }

        // Keep the first pages (the schema) and scribble over the rest, where the events are.
        await using (var file = new FileStream(DatabasePath, FileMode.Open, FileAccess.Write))
        {
            var noise = new byte[file.Length - (SqliteJournal.PageSize * 12)];
            new Random(5).NextBytes(noise);
            file.Position = SqliteJournal.PageSize * 12;
            await file.WriteAsync(noise, Token);
        }

        var error = await Assert.ThrowsAsync<JournalException>(async () =>
        {
            await using var damaged = await OpenAsync();
            await damaged.ReadAsync(0, 1000, Token);
        });

        Assert.Equal(JournalErrorKind.Corrupt, error.Kind);
        Assert.False(error.IsTransient);
    }

    public static TheoryData<int, JournalErrorKind, bool> SqliteCodes => new()
    {
        { 5, JournalErrorKind.Locked, true },            // SQLITE_BUSY
        { 6, JournalErrorKind.Locked, true },            // SQLITE_LOCKED
        { 13, JournalErrorKind.DiskFull, true },         // SQLITE_FULL
        { 10, JournalErrorKind.Io, true },               // SQLITE_IOERR
        { 10 | (4 << 8), JournalErrorKind.Io, true },    // SQLITE_IOERR_FSYNC (extended code as the primary)
        { 8, JournalErrorKind.ReadOnly, false },         // SQLITE_READONLY (read-only file system, permissions)
        { 14, JournalErrorKind.ReadOnly, false },        // SQLITE_CANTOPEN
        { 11, JournalErrorKind.Corrupt, false },         // SQLITE_CORRUPT
        { 26, JournalErrorKind.Corrupt, false },         // SQLITE_NOTADB
        { 1, JournalErrorKind.Incompatible, false },     // SQLITE_ERROR (no such table …)
        { 19, JournalErrorKind.Io, false },              // SQLITE_CONSTRAINT: a bug, never retried blindly
    };

    [Theory]
    [MemberData(nameof(SqliteCodes))]
    public void From_SqliteErrorCode_IsClassified(int code, JournalErrorKind kind, bool transient)
    {
        var error = SqliteErrors.From(new SqliteException("SQLite Error", code), "/var/lib/auditbridge/journal.db", "append a page to", TimeSpan.FromSeconds(5));

        Assert.Equal((kind, transient), (error.Kind, error.IsTransient));
        Assert.StartsWith("Cannot append a page to the journal /var/lib/auditbridge/journal.db: ", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<Exception, JournalErrorKind, bool> FileErrors => new()
    {
        { new IOException("No space left on device", 28), JournalErrorKind.DiskFull, true },
        { new IOException("Read-only file system", 30), JournalErrorKind.ReadOnly, false },
        { new UnauthorizedAccessException("Access to the path is denied."), JournalErrorKind.ReadOnly, false },
        { new IOException("Input/output error", 5), JournalErrorKind.Io, true },
    };

    [Theory]
    [MemberData(nameof(FileErrors))]
    public void FromFileSystem_Error_IsClassified(Exception cause, JournalErrorKind kind, bool transient)
    {
        var error = SqliteErrors.FromFileSystem(cause, "/var/lib/auditbridge/journal.db", "open the journal");

        Assert.Equal((kind, transient), (error.Kind, error.IsTransient));
        Assert.Contains("/var/lib/auditbridge/journal.db", error.Message, StringComparison.Ordinal);
    }

    private DateTimeOffset Now => _time.GetUtcNow();

    private Task<IJournal> OpenAsync(SqliteJournalOptions? options = null) =>
        SqliteJournalFactory.OpenAsync(options ?? new SqliteJournalOptions { Path = DatabasePath }, _time, Token);

    private static SourcePage Page(IReadOnlyList<AuditEvent> events, string position) => JournalTestEvents.Page(events, position);
}
