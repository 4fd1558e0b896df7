using System.Runtime.Versioning;
using System.Text;
using AuditBridge.Events;
using AuditBridge.Framing;
using AuditBridge.Sinks;
using AuditBridge.Sinks.File;
using AuditBridge.TestKit;
using AuditBridge.TestKit.Logging;
using Microsoft.Extensions.Logging;

namespace AuditBridge.Connectors.Tests.Sinks.File;

public sealed class FileSinkTests : IDisposable
{
    private readonly TempDirectory _directory = TempDirectory.ForCaller();
    private readonly RecordingDiskSync _disk = new();
    private readonly CapturingLoggerProvider _logs = new();

    [Fact]
    public async Task WriteAsync_NewFile_WritesTheFileHeaderThenOneLfTerminatedRecordPerEvent()
    {
        var formatter = new TestCefFormatter(fileHeader: "# header\n");
        var path = _directory.Combine("out.cef");
        await using var sink = Create(path, formatter);
        IReadOnlyList<AuditEvent> batch = [Some.Event(), Some.Event()];

        await sink.WriteAsync(batch, TestContext.Current.CancellationToken);

        Assert.Equal("# header\n" + string.Concat(batch.Select(e => formatter.FormatToString(e) + "\n")), ReadAll(path));
    }

    [Fact]
    public async Task WriteAsync_FileWithContent_AppendsWithoutHeader()
    {
        var formatter = new TestCefFormatter(fileHeader: "# header\n");
        var path = _directory.Combine("out.cef");
        System.IO.File.WriteAllText(path, "earlier\n");
        await using var sink = Create(path, formatter);
        var auditEvent = Some.Event();

        await sink.WriteAsync([auditEvent], TestContext.Current.CancellationToken);

        Assert.Equal($"earlier\n{formatter.FormatToString(auditEvent)}\n", ReadAll(path));
    }

    [Fact]
    public async Task WriteAsync_AfterACrashTornARecord_CutsTheTornPartAndLogsFileOffsetAndBytes()
    {
        var formatter = new TestCefFormatter(fileHeader: "# header\n");
        var path = _directory.Combine("out.cef");
        System.IO.File.WriteAllText(path, "earlier\n");
        var first = Some.Event();
        var again = Some.Event();
        var crashed = Create(path, formatter);
        await crashed.WriteAsync([first], TestContext.Current.CancellationToken);
        var whole = ReadAll(path);

        // What a kill -9 in the middle of the next batch leaves: part of a record, and the sink's tail record.
        System.IO.File.AppendAllText(path, "{\"id\":\"torn");
        await using (var restarted = Create(path, formatter))
        {
            await restarted.WriteAsync([again], TestContext.Current.CancellationToken);
        }

        Assert.Equal($"{whole}{formatter.FormatToString(again)}\n", ReadAll(path));
        var (level, message) = Assert.Single(_logs.Entries);
        Assert.Equal(LogLevel.Warning, level);
        Assert.Equal($"Cut 11 bytes from the end of {path} at offset {whole.Length}: a record torn when the file sink last stopped in the middle of a batch, which is written again", message);
    }

    [Fact]
    public async Task WriteAsync_AfterACrashTornTheFirstRecordOfANewFile_CutsItAndWritesTheHeaderAgain()
    {
        var formatter = new TestCefFormatter(fileHeader: "# header\n");
        var path = _directory.Combine("out.cef");
        var crashed = Create(path, formatter);
        await crashed.WriteAsync([Some.Event()], TestContext.Current.CancellationToken);
        using (var same = new FileStream(path, FileMode.Truncate))
        {
            same.Write(Encoding.UTF8.GetBytes("{\"id\":\"torn, no line feed anywhere"));
        }

        var auditEvent = Some.Event();
        await using (var restarted = Create(path, formatter))
        {
            await restarted.WriteAsync([auditEvent], TestContext.Current.CancellationToken);
        }

        Assert.Equal($"# header\n{formatter.FormatToString(auditEvent)}\n", ReadAll(path));
    }

    [Theory]
    [InlineData("my notes\nthe last line, typed without a line break")]
    [InlineData("a file with no line break at all")]
    public async Task WriteAsync_ExistingFileOfSomebodyElseNotEndingInALineBreak_RefusesItAndLeavesItUnchanged(string content)
    {
        var path = _directory.Combine("notes.txt");
        System.IO.File.WriteAllText(path, content);
        await using var sink = Create(path, new TestCefFormatter());

        var error = await Assert.ThrowsAsync<SinkException>(() => sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken).AsTask());

        Assert.False(error.IsTransient);
        var lastLine = content.Length - (content.LastIndexOf('\n') + 1);
        Assert.StartsWith($"'{path}' ends with {lastLine} bytes after its last line break (from offset {content.Length - lastLine})", error.Message, StringComparison.Ordinal);
        Assert.Contains($"printf '\\n' >> '{path}'", error.Message, StringComparison.Ordinal);
        Assert.Equal(content, ReadAll(path));
        Assert.Equal([path], Directory.GetFiles(_directory.Path));
        Assert.Empty(_logs.Entries);
    }

    [Fact]
    public async Task WriteAsync_TailRecordOfAnotherFileAtThatPath_DoesNotCutTheNewFile()
    {
        var path = _directory.Combine("out.cef");
        var crashed = Create(path, new TestCefFormatter());
        await crashed.WriteAsync([Some.Event()], TestContext.Current.CancellationToken);

        // The file the sink wrote was moved away; someone else's file, without a final line break, took its name.
        System.IO.File.Move(path, _directory.Combine("moved.cef"));
        System.IO.File.WriteAllText(path, "someone else's line");
        await using var sink = Create(path, new TestCefFormatter());

        var error = await Assert.ThrowsAsync<SinkException>(() => sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken).AsTask());

        Assert.Contains("nothing shows that AuditBridge wrote them", error.Message, StringComparison.Ordinal);
        Assert.Equal("someone else's line", ReadAll(path));
    }

    [Fact]
    public async Task WriteAsync_WhenTheBytesBeforeTheRecordedLengthChanged_DoesNotCut()
    {
        var path = _directory.Combine("out.cef");
        System.IO.File.WriteAllText(path, "first line\n");
        var crashed = Create(path, new TestCefFormatter());
        await crashed.WriteAsync([Some.Event()], TestContext.Current.CancellationToken);

        // Same file (same inode), rewritten in place by something else: the sink's proof no longer holds.
        using (var same = new FileStream(path, FileMode.Truncate))
        {
            same.Write(Encoding.UTF8.GetBytes("FIRST LINE\nand a partial one"));
        }

        await using var sink = Create(path, new TestCefFormatter());

        await Assert.ThrowsAsync<SinkException>(() => sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken).AsTask());
        Assert.Equal("FIRST LINE\nand a partial one", ReadAll(path));
    }

    [Fact]
    public async Task DisposeAsync_AfterWriting_RemovesTheTailRecordItKeptWhileTheFileWasOpen()
    {
        var path = _directory.Combine("out.cef");
        var sink = Create(path, new TestCefFormatter());
        await sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken);
        var whileOpen = Directory.GetFiles(_directory.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();

        await sink.DisposeAsync();

        Assert.Equal([".out.cef.auditbridge-tail", "out.cef"], whileOpen);
        Assert.Equal([path], Directory.GetFiles(_directory.Path));
    }

    [Fact]
    public void AfterLastLineFeed_ARecordLongerThanOneChunk_KeepsEverythingUpToTheLastLineFeed()
    {
        var path = _directory.Combine("long.jsonl");
        var whole = "first\n" + new string('x', 200_000) + "\n";
        System.IO.File.WriteAllText(path, whole + new string('y', 150_000));
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read);

        var keep = FileTransport.AfterLastLineFeed(file);

        Assert.Equal(whole.Length, keep);
        Assert.Equal(150_000, file.Length - keep);
    }

    [Fact]
    public async Task WriteAsync_WithFlushToDisk_HasSyncedTheWholeFileAndItsNewDirectoryEntryBeforeItCompletes()
    {
        var path = _directory.Combine("out.cef");
        await using var sink = Create(path, new TestCefFormatter(fileHeader: "# header\n"));

        await sink.WriteAsync([Some.Event(), Some.Event()], TestContext.Current.CancellationToken);
        var afterFirst = _disk.DurableLength(path);
        await sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken);

        Assert.Equal(new FileInfo(path).Length, _disk.DurableLength(path));
        Assert.True(afterFirst > "# header\n".Length && afterFirst < _disk.DurableLength(path), $"{afterFirst} bytes synced after the first batch");
        Assert.Contains(_directory.Path, _disk.SyncedDirectories);
    }

    [Fact]
    public async Task WriteAsync_WithoutFlushToDisk_LeavesTheBatchToThePageCache()
    {
        var path = _directory.Combine("out.cef");
        await using var sink = Create(path, new TestCefFormatter(), o => o.FlushToDisk = false);

        await sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken);

        Assert.True(new FileInfo(path).Length > 0);
        Assert.Equal(0, _disk.DurableLength(path));
    }

    [Fact]
    public async Task WriteAsync_WhenThePathIsASymbolicLink_RefusesPermanentlyAndWritesNothingThere()
    {
        var victim = _directory.Combine("victim.txt");
        System.IO.File.WriteAllText(victim, "not audit data\n");
        var path = _directory.Combine("out.cef");
        System.IO.File.CreateSymbolicLink(path, victim);
        await using var sink = Create(path, new TestCefFormatter());

        var error = await Assert.ThrowsAsync<SinkException>(() => sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken).AsTask());

        Assert.False(error.IsTransient);
        Assert.StartsWith($"Cannot append to '{path}': '{path}' is a symbolic link to '{victim}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("follow_symlinks: true", error.Message, StringComparison.Ordinal);
        Assert.Equal("not audit data\n", ReadAll(victim));
    }

    [Fact]
    public async Task WriteAsync_WhenALinkIsPlantedAsItsTailRecord_RefusesPermanentlyAndWritesNothingThere()
    {
        var victim = _directory.Combine("victim.txt");
        System.IO.File.WriteAllText(victim, "not audit data\n");
        var path = _directory.Combine("out.cef");
        System.IO.File.CreateSymbolicLink(TailRecord.PathFor(path), victim);
        await using var sink = Create(path, new TestCefFormatter());

        var error = await Assert.ThrowsAsync<SinkException>(() => sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken).AsTask());

        Assert.False(error.IsTransient);
        Assert.StartsWith($"Cannot append to '{path}': '{TailRecord.PathFor(path)}' is a symbolic link to '{victim}'", error.Message, StringComparison.Ordinal);
        Assert.Equal("not audit data\n", ReadAll(victim));
    }

    [Fact]
    public async Task WriteAsync_WhenThePathIsADanglingSymbolicLink_DoesNotCreateItsTarget()
    {
        var target = _directory.Combine("planted-target");
        var path = _directory.Combine("out.cef");
        System.IO.File.CreateSymbolicLink(path, target);
        await using var sink = Create(path, new TestCefFormatter());

        await Assert.ThrowsAsync<SinkException>(() => sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken).AsTask());

        Assert.False(System.IO.File.Exists(target));
    }

    [Fact]
    public async Task WriteAsync_WithFollowSymlinks_AppendsWhereTheLinkPoints()
    {
        var formatter = new TestCefFormatter();
        var target = _directory.Combine("real.cef");
        System.IO.File.WriteAllText(target, "earlier\n");
        var path = _directory.Combine("out.cef");
        System.IO.File.CreateSymbolicLink(path, target);
        await using var sink = Create(path, formatter, o => o.FollowSymlinks = true);
        var auditEvent = Some.Event();

        await sink.WriteAsync([auditEvent], TestContext.Current.CancellationToken);

        Assert.Equal($"earlier\n{formatter.FormatToString(auditEvent)}\n", ReadAll(target));
        Assert.Equal(target, new FileInfo(path).LinkTarget);
    }

    [Fact]
    public async Task WriteAsync_EmptyExistingFile_WritesTheFileHeader()
    {
        var formatter = new TestCefFormatter(fileHeader: "# header\n");
        var path = _directory.Combine("out.cef");
        System.IO.File.WriteAllText(path, string.Empty);
        await using var sink = Create(path, formatter);
        var auditEvent = Some.Event();

        await sink.WriteAsync([auditEvent], TestContext.Current.CancellationToken);

        Assert.Equal($"# header\n{formatter.FormatToString(auditEvent)}\n", ReadAll(path));
    }

    [Fact]
    public async Task WriteAsync_SeveralBatchesAndSinks_AppendInOrderWithOneHeader()
    {
        var formatter = new TestCefFormatter(fileHeader: "# header\n");
        var path = _directory.Combine("out.cef");
        var events = Enumerable.Range(0, 6).Select(_ => Some.Event()).ToList();

        await using (var first = Create(path, formatter))
        {
            await first.WriteAsync(events[..2], TestContext.Current.CancellationToken);
            await first.WriteAsync(events[2..4], TestContext.Current.CancellationToken);
        }

        await using (var second = Create(path, formatter))
        {
            await second.WriteAsync(events[4..], TestContext.Current.CancellationToken);
        }

        Assert.Equal("# header\n" + string.Concat(events.Select(e => formatter.FormatToString(e) + "\n")), ReadAll(path));
    }

    [Fact]
    public async Task WriteAsync_HostileValues_StayOneLinePerEvent()
    {
        var formatter = new TestCefFormatter();
        var path = _directory.Combine("out.cef");
        await using var sink = Create(path, formatter);
        var batch = Some.HostileStrings.Select(s => Some.Event(actor: new Principal(PrincipalKind.User, Email: s))).ToList();

        await sink.WriteAsync(batch, TestContext.Current.CancellationToken);

        var lines = ReadAll(path).Split('\n');
        Assert.Equal(batch.Count + 1, lines.Length);
        Assert.Equal(batch.Select(e => formatter.FormatToString(e)), lines[..^1]);
    }

    [Fact]
    public async Task WriteAsync_CsvFormat_SeparatesRecordsWithCrLf()
    {
        var formatter = new TestCefFormatter("csv", fileHeader: "id,action\r\n");
        var path = _directory.Combine("out.csv");
        await using var sink = Create(path, formatter);
        var auditEvent = Some.Event();

        await sink.WriteAsync([auditEvent, auditEvent], TestContext.Current.CancellationToken);

        var record = formatter.FormatToString(auditEvent);
        Assert.Equal($"id,action\r\n{record}\r\n{record}\r\n", ReadAll(path));
    }

    [Fact]
    public async Task WriteAsync_ExplicitFraming_OverridesTheFormatDefault()
    {
        var formatter = new TestCefFormatter();
        var path = _directory.Combine("out.log");
        await using var sink = Create(path, formatter, o => o.Framing = FramingMethod.OctetCounting);
        var auditEvent = Some.Event();

        await sink.WriteAsync([auditEvent], TestContext.Current.CancellationToken);

        Assert.Equal(SyslogText.OctetCounted(formatter.FormatToString(auditEvent)), ReadAll(path));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task WriteAsync_NewFileInNewDirectories_CreatesThemOwnerOnly()
    {
        var path = _directory.Combine(Path.Combine("a", "b", "out.cef"));
        await using var sink = Create(path, new TestCefFormatter());

        await sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, System.IO.File.GetUnixFileMode(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, System.IO.File.GetUnixFileMode(_directory.Combine("a")));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task WriteAsync_ExistingFile_KeepsItsPermissions()
    {
        var path = _directory.Combine("shared.cef");
        System.IO.File.WriteAllText(path, "x\n");
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        System.IO.File.SetUnixFileMode(path, mode);
        await using var sink = Create(path, new TestCefFormatter());

        await sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken);

        Assert.Equal(mode, System.IO.File.GetUnixFileMode(path));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task WriteAsync_WithOrWithoutFlushToDisk_HasTheBatchInTheFileWhenItCompletes(bool flushToDisk)
    {
        var formatter = new TestCefFormatter();
        var path = _directory.Combine("out.cef");
        await using var sink = Create(path, formatter, o => o.FlushToDisk = flushToDisk);
        var auditEvent = Some.Event();

        await sink.WriteAsync([auditEvent], TestContext.Current.CancellationToken);

        Assert.Equal(formatter.FormatToString(auditEvent) + "\n", ReadAll(path));
        Assert.Equal(DeliveryGuarantee.AtLeastOnce, sink.Guarantee);
    }

    [Fact]
    public async Task WriteAsync_WhenCompleted_HasCountedEveryRecordWithItsBytes()
    {
        var path = _directory.Combine("out.cef");
        await using var sink = Create(path, new TestCefFormatter(fileHeader: "# header\n"));

        await sink.WriteAsync([Some.Event(), Some.Event(), Some.Event()], TestContext.Current.CancellationToken);

        Assert.Equal(3, sink.Statistics.Records);
        Assert.Equal(new FileInfo(path).Length - "# header\n".Length, sink.Statistics.Bytes);
    }

    [Fact]
    public async Task WriteAsync_WhenTheDiskIsFull_ThrowsPermanentSinkException()
    {
        Assert.SkipUnless(System.IO.File.Exists("/dev/full"), "/dev/full simulates a full disk on Linux");
        await using var sink = Create("/dev/full", new TestCefFormatter());

        var error = await Assert.ThrowsAsync<SinkException>(() => sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken).AsTask());

        Assert.False(error.IsTransient);
        Assert.Contains("disk is full", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, sink.Statistics.Records);
    }

    [Fact]
    public async Task WriteAsync_WhenPathIsUnderAFile_ThrowsPermanentSinkException()
    {
        var blocker = _directory.Combine("blocker");
        System.IO.File.WriteAllText(blocker, "I am a file");
        await using var sink = Create(Path.Combine(blocker, "out.cef"), new TestCefFormatter());

        var error = await Assert.ThrowsAsync<SinkException>(() => sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken).AsTask());

        Assert.Contains(blocker, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Create_WhenPathIsMissing_ThrowsPermanentSinkException(string path)
    {
        var error = Assert.Throws<SinkException>(() => Create(path, new TestCefFormatter()));

        Assert.False(error.IsTransient);
        Assert.Contains("Path is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_WhenPathIsADirectory_ThrowsPermanentSinkException()
    {
        var error = Assert.Throws<SinkException>(() => Create(_directory.Path, new TestCefFormatter()));

        Assert.Contains("is a directory", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(typeof(UnauthorizedAccessException), 0, false)]
    [InlineData(typeof(DirectoryNotFoundException), 0, false)]
    [InlineData(typeof(PathTooLongException), 0, false)]
    [InlineData(typeof(IOException), 28, false)]
    [InlineData(typeof(IOException), 122, false)]
    [InlineData(typeof(IOException), 30, false)]
    [InlineData(typeof(IOException), 27, false)]
    [InlineData(typeof(IOException), 5, true)]
    [InlineData(typeof(IOException), 0, true)]
    public void IsTransient_ForFileSystemErrors_ClassifiesThem(Type type, int errno, bool expected)
    {
        var error = (Exception)Activator.CreateInstance(type, "x")!;
        error.HResult = errno == 0 ? error.HResult : errno;

        var transient = FileErrors.IsTransient(error);

        Assert.Equal(expected, transient);
    }

    public void Dispose()
    {
        _logs.Dispose();
        _directory.Dispose();
    }

    private ISink Create(string path, TestCefFormatter formatter, Action<FileSinkOptions>? configure = null)
    {
        var options = new FileSinkOptions { Path = path };
        configure?.Invoke(options);
        return FileSinkFactory.Create(options, formatter, TimeProvider.System, _logs.CreateLogger("file"), _disk);
    }

    private static string ReadAll(string path) => Encoding.UTF8.GetString(System.IO.File.ReadAllBytes(path));
}
