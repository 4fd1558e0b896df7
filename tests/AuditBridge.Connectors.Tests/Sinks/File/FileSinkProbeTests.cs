using System.Runtime.Versioning;
using System.Text;
using AuditBridge.Sinks;
using AuditBridge.Sinks.File;
using AuditBridge.TestKit;
using Microsoft.Extensions.Logging.Abstractions;

namespace AuditBridge.Connectors.Tests.Sinks.File;

public sealed class FileSinkProbeTests : IDisposable
{
    private readonly TempDirectory _directory = TempDirectory.ForCaller();
    private readonly TestCefFormatter _formatter = new(fileHeader: "# header\n");

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task ProbeAsync_NewFileInMissingDirectories_CreatesThemOwnerOnlyButNoFile()
    {
        var path = _directory.Combine(Path.Combine("a", "b", "out.cef"));
        await using var sink = Create(path);

        var result = await Probe(sink).ProbeAsync(TestContext.Current.CancellationToken);

        Assert.Equal($"writable: {path}", result);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_directory.Combine(Path.Combine("a", "b"))));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, System.IO.File.GetUnixFileMode(_directory.Combine("a")));
    }

    [Fact]
    public async Task ProbeAsync_ExistingFile_LeavesItsContentAsItWas()
    {
        var path = _directory.Combine("out.cef");
        System.IO.File.WriteAllText(path, "earlier\n");
        await using var sink = Create(path);

        var result = await Probe(sink).ProbeAsync(TestContext.Current.CancellationToken);

        Assert.Equal($"writable: {path}", result);
        Assert.Equal("earlier\n", ReadAll(path));
        Assert.Equal([path], Directory.GetFiles(_directory.Path));
    }

    [Fact]
    public async Task ProbeAsync_WhenThePathIsASymbolicLink_ThrowsPermanentAndTouchesNothing()
    {
        var target = _directory.Combine("target");
        var path = _directory.Combine("out.cef");
        System.IO.File.CreateSymbolicLink(path, target);
        await using var sink = Create(path);

        var error = await Assert.ThrowsAsync<SinkException>(() => Probe(sink).ProbeAsync(TestContext.Current.CancellationToken).AsTask());

        Assert.False(error.IsTransient);
        Assert.StartsWith($"Cannot append to '{path}': '{path}' is a symbolic link to '{target}'", error.Message, StringComparison.Ordinal);
        Assert.False(System.IO.File.Exists(target));
    }

    [Fact]
    public async Task ProbeAsync_ThenWriteAsync_StartsTheNewFileWithItsHeader()
    {
        var path = _directory.Combine("out.cef");
        await using var sink = Create(path);
        await Probe(sink).ProbeAsync(TestContext.Current.CancellationToken);
        var auditEvent = Some.Event();

        await sink.WriteAsync([auditEvent], TestContext.Current.CancellationToken);

        Assert.Equal($"# header\n{_formatter.FormatToString(auditEvent)}\n", ReadAll(path));
    }

    [Fact]
    public async Task ProbeAsync_RotatingPattern_ChecksTheDirectoryAndCreatesNoFile()
    {
        var path = _directory.Combine("audit-{date}.{n}.cef");
        await using var sink = Create(path, o => o.MaxBytes = 4096);

        var result = await Probe(sink).ProbeAsync(TestContext.Current.CancellationToken);

        Assert.Equal($"writable: {path}", result);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_directory.Path));
    }

    [Fact]
    public async Task ProbeAsync_WhenThePathIsUnderAFile_ThrowsSinkExceptionNamingIt()
    {
        var blocker = _directory.Combine("blocker");
        System.IO.File.WriteAllText(blocker, "I am a file");
        await using var sink = Create(Path.Combine(blocker, "out.cef"));

        var error = await Assert.ThrowsAsync<SinkException>(() => Probe(sink).ProbeAsync(TestContext.Current.CancellationToken).AsTask());

        Assert.StartsWith($"Cannot create '{blocker}': ", error.Message, StringComparison.Ordinal);
        Assert.Equal("I am a file", System.IO.File.ReadAllText(blocker));
    }

    // sysfs refuses new files and writes to read-only attributes even to root (who may write past file modes), so these
    // two run the same whether the tests run as root (CI) or not.
    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task ProbeAsync_WhenTheDirectoryRefusesNewFiles_ThrowsPermanentPermissionDenied()
    {
        var directory = "/sys";
        await using var sink = Create(Path.Combine(directory, "out.cef"));

        var error = await Assert.ThrowsAsync<SinkException>(() => Probe(sink).ProbeAsync(TestContext.Current.CancellationToken).AsTask());

        Assert.False(error.IsTransient);
        Assert.Equal($"Cannot create a file in '{directory}' for 'out.cef': permission denied.", error.Message);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task ProbeAsync_WhenTheExistingFileRefusesWrites_ThrowsPermanentPermissionDenied()
    {
        var path = "/sys/kernel/uevent_seqnum";
        await using var sink = Create(path);

        var error = await Assert.ThrowsAsync<SinkException>(() => Probe(sink).ProbeAsync(TestContext.Current.CancellationToken).AsTask());

        Assert.False(error.IsTransient);
        Assert.Equal($"Cannot append to '{path}': permission denied.", error.Message);
    }

    [Fact]
    public async Task ProbeAsync_AfterDispose_ThrowsObjectDisposedException()
    {
        var sink = Create(_directory.Combine("out.cef"));
        await sink.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => Probe(sink).ProbeAsync(TestContext.Current.CancellationToken).AsTask());
    }

    public void Dispose() => _directory.Dispose();

    private static ISinkProbe Probe(ISink sink) => Assert.IsAssignableFrom<ISinkProbe>(sink);

    private ISink Create(string path, Action<FileSinkOptions>? configure = null)
    {
        var options = new FileSinkOptions { Path = path };
        configure?.Invoke(options);
        return FileSinkFactory.Create(options, _formatter, TimeProvider.System, NullLogger.Instance);
    }

    private static string ReadAll(string path) => Encoding.UTF8.GetString(System.IO.File.ReadAllBytes(path));
}
