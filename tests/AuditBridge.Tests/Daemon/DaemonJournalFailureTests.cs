using AuditBridge.Journal;
using AuditBridge.Journal.Sqlite;
using AuditBridge.Pipeline;
using AuditBridge.Secrets;
using AuditBridge.Sources.Dropbox;
using AuditBridge.TestKit;
using AuditBridge.TestKit.Time;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace AuditBridge.Tests.Daemon;

/// <summary>
/// A journal that runs out of space while a source collects: the source reports a clear, transient error and keeps
/// retrying instead of stopping, nothing half-stored remains, the checkpoint stays with the stored events, and once
/// there is space again collection resumes with nothing lost and nothing stored twice.
/// </summary>
public sealed class DaemonJournalFailureTests
{
    private const int Events = 3_000;

    // Real time: a loop that ignored its cancellation would otherwise hang the run instead of failing this test.
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Collecting_WhenTheJournalIsFull_RetriesVisiblyAndResumesWithoutLossOnceThereIsSpace()
    {
        await using var simulator = await DaemonRunTests.StartSimulatorAsync(Events);
        using var directory = TempDirectory.ForCaller();
        var path = directory.Combine("journal.db");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero), autoAdvance: true);
        using var http = new HttpClient();

        // 120 pages of 16 KB: a part of the backlog fits (each event is a few KB with its raw JSON).
        var observer = new RecordingObserver();
        await using (var full = await SqliteJournalFactory.OpenAsync(new SqliteJournalOptions { Path = path, MaxPageCount = 120 }, time, TestContext.Current.CancellationToken))
        {
            using var stop = new CancellationTokenSource();
            var loop = Loop(simulator.BaseUrl, full, time, http, observer);
            var running = loop.RunAsync(stop.Token);
            await observer.WaitAsync(o => o.Failures.Count(f => f.Failure is JournalException { Kind: JournalErrorKind.DiskFull }) >= 3, "three disk-full failures");
            await stop.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.WaitAsync(StopLimit, TestContext.Current.CancellationToken));

            var failure = observer.Failures.First(f => f.Failure is JournalException);
            Assert.False(failure.Permanent, "a full disk is retried, not a reason to stop the source");
            Assert.Contains("disk is full", failure.Failure.Message, StringComparison.Ordinal);
            Assert.Contains(path, failure.Failure.Message, StringComparison.Ordinal);
            var stored = await full.ReadAsync(0, 100_000, TestContext.Current.CancellationToken);
            Assert.InRange(stored.Count, 1, Events - 1);
            var checkpoint = await full.GetCheckpointAsync("dbx", TestContext.Current.CancellationToken);
            Assert.Equal(stored.Max(e => e.Event.Time), checkpoint!.NewestEventTime);
        }

        Assert.Equal("ok", IntegrityCheck(path));

        await using var roomy = await SqliteJournalFactory.OpenAsync(new SqliteJournalOptions { Path = path }, time, TestContext.Current.CancellationToken);
        var resumed = new RecordingObserver();
        using (var stop = new CancellationTokenSource())
        {
            var running = Loop(simulator.BaseUrl, roomy, time, http, resumed).RunAsync(stop.Token);
            await resumed.WaitAsync(o => o.Failures.Count == 0 && o.Stored > 0 && Head(roomy) == Events, "the rest of the backlog stored");
            await stop.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.WaitAsync(StopLimit, TestContext.Current.CancellationToken));
        }

        var all = await roomy.ReadAsync(0, 100_000, TestContext.Current.CancellationToken);
        Assert.Equal(Events, all.Count);
        Assert.Equal(Events, all.Select(e => e.Event.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal("ok", IntegrityCheck(path));
    }

    private static long Head(IJournal journal) => journal.GetHeadAsync(CancellationToken.None).GetAwaiter().GetResult();

    private static SourceLoop Loop(Uri api, IJournal journal, TimeProvider time, HttpClient http, RecordingObserver observer)
    {
        var source = DropboxSourceFactory.Create(
            new DropboxSourceOptions
            {
                SourceName = "dbx",
                ApiUrl = api,
                OAuthUrl = api,
                Credentials = new DropboxCredentials { AccessToken = new Secret("sim-access-token", "test") },
                Query = new DropboxQuery { StartTime = new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero), Limit = 100 },
            },
            http,
            (_, _) => 5,
            time,
            NullLoggerFactory.Instance,
            new SecretRedactor());
        var collector = new Collector("dbx", source, journal, new JournalSignal(), time, observer);
        return new SourceLoop(new SourceLoopOptions { Name = "dbx", Interval = TimeSpan.FromMinutes(1) }, collector, time, observer);
    }

    private static string IntegrityCheck(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string)command.ExecuteScalar()!;
    }
}
