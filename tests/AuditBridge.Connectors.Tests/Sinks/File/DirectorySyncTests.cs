using AuditBridge.Sinks.File;
using AuditBridge.TestKit;

namespace AuditBridge.Connectors.Tests.Sinks.File;

public sealed class DirectorySyncTests : IDisposable
{
    private readonly TempDirectory _directory = TempDirectory.ForCaller();

    [Fact]
    public void Sync_ExistingDirectory_Succeeds()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "directory fsync is implemented for Linux only");

        var error = Record.Exception(() => DirectorySync.Sync(_directory.Path));

        Assert.Null(error);
    }

    [Fact]
    public void Sync_PathThatIsAFile_ThrowsIOException()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "directory fsync is implemented for Linux only");
        var file = _directory.Combine("not-a-directory");
        System.IO.File.WriteAllText(file, "x");

        var error = Assert.Throws<IOException>(() => DirectorySync.Sync(file));

        Assert.Contains(file, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sync_MissingDirectory_ThrowsIOException()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "directory fsync is implemented for Linux only");

        Assert.Throws<IOException>(() => DirectorySync.Sync(_directory.Combine("missing")));
    }

    public void Dispose() => _directory.Dispose();
}
