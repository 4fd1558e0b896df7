using System.Globalization;
using AuditBridge.Journal.Sqlite;
using AuditBridge.TestKit;
using AuditBridge.TestKit.Journal;

namespace AuditBridge.Connectors.Tests.Journal.Sqlite;

/// <summary>
/// kill -9 at many points, also inside an append's transaction: afterwards the file passes SQLite's integrity check,
/// every stored page is complete, stored once, numbered without gaps, and the checkpoint is exactly the last stored
/// page's (never ahead of its events, never behind). Each child resumes from what the previous one left.
/// </summary>
public sealed class SqliteJournalCrashTests : IDisposable
{
    private readonly TempDirectory _directory = TempDirectory.ForCaller();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string DatabasePath => _directory.Combine("journal.db");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task AppendAsync_KilledInsideItsTransactionAtManyPoints_KeepsWholePagesAndTheirCheckpoint()
    {
        // (pages appended first, where the next page pauses, at which item)
        (int After, string Where, int Index)[] plan =
        [
            (0, "events", 0),                                  // the very first page of a new journal, nothing inserted yet
            (1, "events", 0),
            (0, "events", 1),                                  // one event of the page inserted
            (2, "events", 20),                                 // half the page
            (0, "events", CrashPages.EventsPerPage - 1),       // all but the last event
            (1, "recent", 0),                                  // every event and the checkpoint row written, not the window
            (0, "recent", (2 * CrashPages.EventsPerPage) - 1),
            (3, "events", 7),
        ];
        var stored = 0;

        foreach (var (after, where, index) in plan)
        {
            using var child = CrashChildProcess.Start("append", DatabasePath, "1000000", "pause", Text(after), where, Text(index));
            Assert.Equal($"ready {stored}", await child.ReadLineAsync());
            await child.ReadUntilAsync($"paused {stored + after + 1}");
            AssertWriteTransactionOpen();

            await child.KillAsync();

            stored += after;
            Assert.Equal(stored, await VerifyAsync(stored, stored));
        }
    }

    [Fact]
    public async Task AppendAsync_KilledWhileAppendingFreely_KeepsWholePagesAndTheirCheckpoint()
    {
        var random = new Random(11);
        var stored = 0;

        for (var round = 0; round < 12; round++)
        {
            using var child = CrashChildProcess.Start("append", DatabasePath, "1000000");
            Assert.Equal($"ready {stored}", await child.ReadLineAsync());
            var target = stored + 1 + random.Next(3);
            var atCommit = random.Next(3) == 0;
            var lines = await child.ReadUntilAsync($"{(atCommit ? "committed" : "begin")} {target}");

            lines.AddRange(await child.KillAsync());

            // At least what the child reported committed; at most the page it had begun when it died.
            var committed = lines.Where(l => l.StartsWith("committed ", StringComparison.Ordinal)).Select(l => int.Parse(l[10..], CultureInfo.InvariantCulture)).DefaultIfEmpty(stored).Max();
            var begun = lines.Where(l => l.StartsWith("begin ", StringComparison.Ordinal)).Select(l => int.Parse(l[6..], CultureInfo.InvariantCulture)).DefaultIfEmpty(target).Max();
            stored = await VerifyAsync(Math.Max(committed, atCommit ? target : stored), Math.Max(begun, target));
        }
    }

    [Fact]
    public async Task OpenAsync_UnderUmask000_CreatesEveryFileOwnerOnly()
    {
        using var child = CrashChildProcess.Start("umask", DatabasePath);

        Assert.Equal("open", await child.ReadLineAsync());

        foreach (var file in new[] { DatabasePath, DatabasePath + "-wal", DatabasePath + "-shm", DatabasePath + ".lock" })
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        await child.KillAsync();
    }

    /// <summary>Checks the file after a crash; returns how many pages it holds.</summary>
    private async Task<int> VerifyAsync(int atLeast, int atMost)
    {
        Assert.Equal("ok", SqliteTestDatabase.IntegrityCheck(DatabasePath));
        await using var journal = await SqliteJournalFactory.OpenAsync(new SqliteJournalOptions { Path = DatabasePath }, TimeProvider.System, Token);
        var checkpoint = await journal.GetCheckpointAsync(CrashPages.Source, Token);
        var pages = CrashPages.PageOf(checkpoint);
        Assert.InRange(pages, atLeast, atMost);

        var entries = await journal.ReadAsync(0, int.MaxValue, Token);
        var expected = Enumerable.Range(1, pages).SelectMany(CrashPages.Events).ToArray();
        Assert.Equal(expected.Select(e => e.Id), entries.Select(e => e.Event.Id));
        Assert.Equal(Enumerable.Range(1, expected.Length).Select(i => (long)i), entries.Select(e => e.Sequence));
        for (var i = 0; i < expected.Length; i += 17)
        {
            var stored = entries[i].Event;
            AuditEventAssert.Equal(JournalTestEvents.WithReceived(expected[i], stored.Received!.Value), stored);
        }

        if (pages > 0)
        {
            var page = CrashPages.Checkpoint(pages);
            Assert.Equal(page.Position, checkpoint!.Position);
            Assert.Equal(page.NewestEventTime, checkpoint.NewestEventTime);
            Assert.Equal(page.Recent, checkpoint.Recent);
        }

        return pages;
    }

    /// <summary>Proves the child was paused inside a write transaction: the write lock is taken.</summary>
    private void AssertWriteTransactionOpen()
    {
        using var other = SqliteTestDatabase.Open(DatabasePath);
        Assert.Equal(SQLitePCL.raw.SQLITE_BUSY, SqliteTestDatabase.TryExecute(other, "BEGIN IMMEDIATE"));
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
