using System.Runtime.Versioning;
using AuditBridge.IO;
using AuditBridge.TestKit;

namespace AuditBridge.Connectors.Tests.IO;

[UnsupportedOSPlatform("windows")]
public sealed class NoFollowFileTests : IDisposable
{
    private readonly TempDirectory _directory = TempDirectory.ForCaller();

    [Fact]
    public void OpenOrCreate_MissingFile_CreatesItOwnerOnlyAndSaysSo()
    {
        var path = _directory.Combine("new.log");

        using (var opened = NoFollowFile.OpenOrCreate(path, followSymlinks: false))
        {
            Assert.True(opened.Created);
            Assert.True(opened.IsRegularFile);
            Assert.True(opened.Stream.CanRead && opened.Stream.CanWrite);
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, System.IO.File.GetUnixFileMode(path));
    }

    [Fact]
    public void OpenOrCreate_ExistingFile_OpensItAsItIsWithItsIdentity()
    {
        var path = _directory.Combine("old.log");
        System.IO.File.WriteAllText(path, "kept\n");

        using var opened = NoFollowFile.OpenOrCreate(path, followSymlinks: false);
        using var again = NoFollowFile.OpenOrCreate(path, followSymlinks: false);

        Assert.False(opened.Created);
        Assert.Equal(5, opened.Stream.Length);
        Assert.Equal(opened.Identity, again.Identity);
        Assert.Equal(OperatingSystem.IsLinux(), opened.Identity is not null);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void OpenOrCreate_SymbolicLink_ThrowsAndNeitherWritesNorCreatesItsTarget(bool targetExists)
    {
        var target = _directory.Combine("target");
        if (targetExists)
        {
            System.IO.File.WriteAllText(target, "someone's file\n");
        }

        var path = _directory.Combine("link");
        System.IO.File.CreateSymbolicLink(path, target);

        var error = Assert.Throws<SymbolicLinkRefusedException>(() => NoFollowFile.OpenOrCreate(path, followSymlinks: false));

        Assert.Equal(path, error.Path);
        Assert.Equal(target, error.Target);
        Assert.Equal(targetExists, System.IO.File.Exists(target));
        if (targetExists)
        {
            Assert.Equal("someone's file\n", System.IO.File.ReadAllText(target));
        }
    }

    [Fact]
    public void OpenOrCreate_WithFollowSymlinks_OpensWhereTheLinkPoints()
    {
        var target = _directory.Combine("target");
        System.IO.File.WriteAllText(target, "x\n");
        var path = _directory.Combine("link");
        System.IO.File.CreateSymbolicLink(path, target);

        using var opened = NoFollowFile.OpenOrCreate(path, followSymlinks: true);

        Assert.False(opened.Created);
        Assert.Equal(2, opened.Stream.Length);
    }

    [Fact]
    public void OpenOrCreate_Device_IsNotARegularFile()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the file type comes from statx on Linux");

        using var opened = NoFollowFile.OpenOrCreate("/dev/null", followSymlinks: false);

        Assert.False(opened.IsRegularFile);
        Assert.False(opened.Created);
    }

    [Fact]
    public void OpenExisting_SymbolicLink_Throws_AndMissingFile_ThrowsFileNotFound()
    {
        var target = _directory.Combine("target");
        System.IO.File.WriteAllText(target, "x");
        var path = _directory.Combine("link");
        System.IO.File.CreateSymbolicLink(path, target);

        Assert.Throws<SymbolicLinkRefusedException>(() => NoFollowFile.OpenExisting(path, FileAccess.Read, followSymlinks: false));
        Assert.Throws<FileNotFoundException>(() => NoFollowFile.OpenExisting(_directory.Combine("missing"), FileAccess.Read, followSymlinks: false));
    }

    [Fact]
    public void CreateTemporaryNextTo_CreatesAHiddenOwnerOnlyFileWithANewRandomNameEachTime()
    {
        var path = _directory.Combine("state.json");

        var (first, firstName) = NoFollowFile.CreateTemporaryNextTo(path);
        var (second, secondName) = NoFollowFile.CreateTemporaryNextTo(path);
        first.Dispose();
        second.Dispose();

        Assert.NotEqual(firstName, secondName);
        Assert.Matches(@"^\.state\.json\.[0-9a-f]{16}\.tmp$", Path.GetFileName(firstName));
        Assert.Equal(_directory.Path, Path.GetDirectoryName(firstName));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, System.IO.File.GetUnixFileMode(firstName));
    }

    [Fact]
    public void OpenLockFile_WhileAnotherHoldsIt_Throws_ThenSucceedsOnceReleased()
    {
        var path = _directory.Combine("state.json.lock");
        var held = NoFollowFile.OpenLockFile(path);

        var error = Assert.Throws<IOException>(() => NoFollowFile.OpenLockFile(path));
        held.Dispose();
        using var again = NoFollowFile.OpenLockFile(path);

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenLockFile_SymbolicLink_IsRefusedAndItsTargetNotCreated()
    {
        var target = _directory.Combine("elsewhere");
        var path = _directory.Combine("state.json.lock");
        System.IO.File.CreateSymbolicLink(path, target);

        Assert.Throws<SymbolicLinkRefusedException>(() => NoFollowFile.OpenLockFile(path));
        Assert.False(System.IO.File.Exists(target));
    }

    public void Dispose() => _directory.Dispose();
}
