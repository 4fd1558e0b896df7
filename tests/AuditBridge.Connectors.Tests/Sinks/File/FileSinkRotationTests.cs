using System.Text;
using AuditBridge.Events;
using AuditBridge.Sinks;
using AuditBridge.Sinks.File;
using AuditBridge.TestKit;
using AuditBridge.TestKit.Time;
using Microsoft.Extensions.Logging.Abstractions;

namespace AuditBridge.Connectors.Tests.Sinks.File;

public sealed class FileSinkRotationTests : IDisposable
{
    private const string Header = "id,action\r\n";

    // Every record of these tests is 420..500 bytes, so two one-event batches fit a 1,024-byte file and three do not.
    private static readonly string LongDescription = new('d', 400);

    private readonly TempDirectory _directory = TempDirectory.ForCaller();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2024, 5, 3, 23, 58, 0, TimeSpan.Zero));
    private readonly TestCefFormatter _formatter = new("csv", fileHeader: Header);
    private readonly RecordingDiskSync _disk = new();

    [Fact]
    public async Task WriteAsync_WhenTheUtcDateChanges_StartsAFileForTheNewDateWithTheHeader()
    {
        await using var sink = Create("audit-{date}.csv", o => o.RotateDaily = true);
        var before = Some.Event();
        var sameDay = Some.Event();
        var after = Some.Event();

        await sink.WriteAsync([before], TestContext.Current.CancellationToken);
        _clock.Advance(TimeSpan.FromMinutes(1));
        await sink.WriteAsync([sameDay], TestContext.Current.CancellationToken);
        _clock.Advance(TimeSpan.FromMinutes(1));
        await sink.WriteAsync([after], TestContext.Current.CancellationToken);

        Assert.Equal(["audit-2024-05-03.csv", "audit-2024-05-04.csv"], FileNames());
        Assert.Equal(Header + Records(before, sameDay), Read("audit-2024-05-03.csv"));
        Assert.Equal(Header + Records(after), Read("audit-2024-05-04.csv"));
    }

    [Fact]
    public async Task WriteAsync_DailyWithOldEventTimes_NamesTheFileByTheWriteDateNotTheEventTime()
    {
        await using var sink = Create("audit-{date}.csv", o => o.RotateDaily = true);

        await sink.WriteAsync([Some.Event(time: new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero))], TestContext.Current.CancellationToken);

        Assert.Equal(["audit-2024-05-03.csv"], FileNames());
    }

    [Fact]
    public async Task WriteAsync_WhenTheNextBatchWouldPassMaxBytes_StartsTheNextNumberedFileWithTheHeader()
    {
        await using var sink = Create("audit.{n}.csv", o => o.MaxBytes = 1024);
        var events = Enumerable.Range(0, 5).Select(_ => Some.Event(description: LongDescription)).ToList();

        foreach (var auditEvent in events)
        {
            await sink.WriteAsync([auditEvent], TestContext.Current.CancellationToken);
        }

        Assert.Equal(["audit.1.csv", "audit.2.csv", "audit.3.csv"], FileNames());
        Assert.Equal(Header + Records(events[0], events[1]), Read("audit.1.csv"));
        Assert.Equal(Header + Records(events[2], events[3]), Read("audit.2.csv"));
        Assert.Equal(Header + Records(events[4]), Read("audit.3.csv"));
        Assert.All(FileNames(), name => Assert.True(new FileInfo(_directory.Combine(name)).Length <= 1024));
        Assert.Equal(5, sink.Statistics.Records);
    }

    [Fact]
    public async Task WriteAsync_WhenOneBatchAloneIsLargerThanMaxBytes_GivesItAFileOfItsOwn()
    {
        await using var sink = Create("audit.{n}.csv", o => o.MaxBytes = 1024);
        var first = Some.Event(description: LongDescription);
        var big = Enumerable.Range(0, 3).Select(_ => Some.Event(description: LongDescription)).ToList();
        var last = Some.Event(description: LongDescription);

        await sink.WriteAsync([first], TestContext.Current.CancellationToken);
        await sink.WriteAsync(big, TestContext.Current.CancellationToken);
        await sink.WriteAsync([last], TestContext.Current.CancellationToken);

        Assert.Equal(["audit.1.csv", "audit.2.csv", "audit.3.csv"], FileNames());
        Assert.Equal(Header + Records([.. big]), Read("audit.2.csv"));
        Assert.Equal(Header + Records(last), Read("audit.3.csv"));
    }

    [Fact]
    public async Task WriteAsync_DailyAndBySize_RestartsNumberingOnTheNewDate()
    {
        await using var sink = Create("audit-{date}.{n}.csv", o =>
        {
            o.RotateDaily = true;
            o.MaxBytes = 1024;
        });

        for (var i = 0; i < 3; i++)
        {
            await sink.WriteAsync([Some.Event(description: LongDescription)], TestContext.Current.CancellationToken);
        }

        _clock.Advance(TimeSpan.FromMinutes(5));
        await sink.WriteAsync([Some.Event(description: LongDescription)], TestContext.Current.CancellationToken);

        Assert.Equal(["audit-2024-05-03.1.csv", "audit-2024-05-03.2.csv", "audit-2024-05-04.1.csv"], FileNames());
    }

    [Fact]
    public async Task WriteAsync_AfterARestart_ContinuesTheNewestFileWhileItHasRoom()
    {
        var first = Some.Event(description: LongDescription);
        var second = Some.Event(description: LongDescription);
        var third = Some.Event(description: LongDescription);
        await using (var earlier = Create("audit.{n}.csv", o => o.MaxBytes = 1024))
        {
            await earlier.WriteAsync([first], TestContext.Current.CancellationToken);
        }

        await using (var restarted = Create("audit.{n}.csv", o => o.MaxBytes = 1024))
        {
            await restarted.WriteAsync([second], TestContext.Current.CancellationToken);
            await restarted.WriteAsync([third], TestContext.Current.CancellationToken);
        }

        Assert.Equal(["audit.1.csv", "audit.2.csv"], FileNames());
        Assert.Equal(Header + Records(first, second), Read("audit.1.csv"));
        Assert.Equal(Header + Records(third), Read("audit.2.csv"));
    }

    [Fact]
    public async Task WriteAsync_AfterARestartWithTheNewestFileFull_StartsTheNextNumber()
    {
        System.IO.File.WriteAllText(_directory.Combine("audit.9.csv"), "old\n");
        System.IO.File.WriteAllText(_directory.Combine("audit.10.csv"), new string('x', 1020) + "\n");
        await using var sink = Create("audit.{n}.csv", o => o.MaxBytes = 1024);
        var auditEvent = Some.Event();

        await sink.WriteAsync([auditEvent], TestContext.Current.CancellationToken);

        Assert.Equal(Header + Records(auditEvent), Read("audit.11.csv"));
    }

    [Fact]
    public async Task WriteAsync_WithKeepFiles_DeletesTheOldestByNumberAndLeavesOtherFilesAlone()
    {
        System.IO.File.WriteAllText(_directory.Combine("notes.txt"), "mine");
        System.IO.File.WriteAllText(_directory.Combine("audit.01.csv"), "not a name the sink writes");
        await using var sink = Create("audit.{n}.csv", o =>
        {
            o.MaxBytes = 1024;
            o.KeepFiles = 2;
        });

        // Three batches per two files: 23 batches make files 1..12, and 10 sorts after 9 only as a number.
        for (var i = 0; i < 23; i++)
        {
            await sink.WriteAsync([Some.Event(description: LongDescription)], TestContext.Current.CancellationToken);
        }

        Assert.Equal(["audit.01.csv", "audit.10.csv", "audit.11.csv", "audit.12.csv", "notes.txt"], FileNames());
    }

    [Fact]
    public async Task WriteAsync_WithoutRotation_AppendsToOneFileWhateverTheDate()
    {
        await using var sink = Create("audit.csv");

        await sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken);
        _clock.Advance(TimeSpan.FromDays(3));
        await sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken);

        Assert.Equal(["audit.csv"], FileNames());
    }

    [Fact]
    public async Task WriteAsync_WhenTheNextFileCannotBeCreated_ThrowsNamingItAndWritesTheBatchOnceItCan()
    {
        await using var sink = Create("audit.{n}.csv", o => o.MaxBytes = 1024);
        var events = Enumerable.Range(0, 3).Select(_ => Some.Event(description: LongDescription)).ToList();
        await sink.WriteAsync([events[0]], TestContext.Current.CancellationToken);
        await sink.WriteAsync([events[1]], TestContext.Current.CancellationToken);
        Directory.CreateDirectory(_directory.Combine("audit.2.csv"));

        var error = await Assert.ThrowsAsync<SinkException>(() => sink.WriteAsync([events[2]], TestContext.Current.CancellationToken).AsTask());
        Directory.Delete(_directory.Combine("audit.2.csv"));
        await sink.WriteAsync([events[2]], TestContext.Current.CancellationToken);

        Assert.Contains("audit.2.csv", error.Message, StringComparison.Ordinal);
        Assert.Equal(Header + Records(events[0], events[1]), Read("audit.1.csv"));
        Assert.Equal(Header + Records(events[2]), Read("audit.2.csv"));
    }

    [Fact]
    public async Task WriteAsync_WhenItRotates_HasSyncedTheWholeFinishedFileEvenWithoutFlushToDisk()
    {
        await using var sink = Create("audit.{n}.csv", o =>
        {
            o.MaxBytes = 1024;
            o.FlushToDisk = false;
        });
        var events = Enumerable.Range(0, 3).Select(_ => Some.Event(description: LongDescription)).ToList();

        foreach (var auditEvent in events)
        {
            await sink.WriteAsync([auditEvent], TestContext.Current.CancellationToken);
        }

        Assert.Equal(["audit.1.csv", "audit.2.csv"], FileNames());
        Assert.Equal(new FileInfo(_directory.Combine("audit.1.csv")).Length, _disk.DurableLength(_directory.Combine("audit.1.csv")));
        Assert.Equal(0, _disk.DurableLength(_directory.Combine("audit.2.csv")));
    }

    public void Dispose() => _directory.Dispose();

    private ISink Create(string fileName, Action<FileSinkOptions>? configure = null)
    {
        var options = new FileSinkOptions { Path = _directory.Combine(fileName) };
        configure?.Invoke(options);
        return FileSinkFactory.Create(options, _formatter, _clock, NullLogger.Instance, _disk);
    }

    private string Records(params AuditEvent[] events) => string.Concat(events.Select(e => _formatter.FormatToString(e) + "\r\n"));

    private string Read(string name) => Encoding.UTF8.GetString(System.IO.File.ReadAllBytes(_directory.Combine(name)));

    // The sink's own tail record of the open file (TailRecord) is not one of the files it writes.
    private List<string> FileNames() =>
        [.. Directory.EnumerateFileSystemEntries(_directory.Path).Select(p => Path.GetFileName(p)).Where(n => !n.EndsWith(".auditbridge-tail", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
}
