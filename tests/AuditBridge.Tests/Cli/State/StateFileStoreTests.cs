using AuditBridge.Cli.State;
using AuditBridge.Shell;
using AuditBridge.Sources;
using AuditBridge.TestKit;

namespace AuditBridge.Tests.Cli.State;

public sealed class StateFileStoreTests
{
    private static readonly DateTimeOffset T0 = new(2024, 5, 3, 10, 41, 7, TimeSpan.Zero);

    [Fact]
    public void Save_ThenLoad_RoundTripsEverything()
    {
        using var directory = TempDirectory.ForCaller();
        var state = new PullState(
            "dropbox",
            new Dictionary<string, string> { ["category"] = "logins", ["end_time"] = "2024-06-01T00:00:00Z" },
            "7d",
            new Checkpoint("cursor-1", T0, [new SeenEvent("dbx:a", T0.AddSeconds(-5)), new SeenEvent("dbx:b", T0)]),
            T0.AddMinutes(1));
        using var store = StateFileStore.Open(directory.Combine("sub/state.json"), followSymlinks: false);

        store.Save(state);
        var loaded = store.Load()!;

        Assert.Equal("dropbox", loaded.Vendor);
        Assert.Equal(state.Query, loaded.Query);
        Assert.Equal("7d", loaded.StartTime);
        Assert.Equal("cursor-1", loaded.Checkpoint.Position);
        Assert.Equal(T0, loaded.Checkpoint.NewestEventTime);
        Assert.Equal(state.Checkpoint.Recent, loaded.Checkpoint.Recent);
        Assert.Equal(T0.AddMinutes(1), loaded.SavedAt);
    }

    [Fact]
    public void Save_CreatesTheFileReadableByTheOwnerOnly_AndLeavesNoTemporaryFile()
    {
        using var directory = TempDirectory.ForCaller();
        using var store = StateFileStore.Open(directory.Combine("state.json"), followSymlinks: false);

        store.Save(new PullState("dropbox", new Dictionary<string, string>(), null, Checkpoint.Empty with { Position = "c" }, T0));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.Path));
        Assert.Equal(["state.json", "state.json.lock"], Directory.GetFiles(directory.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Load_WhenThereIsNoFile_ReturnsNull()
    {
        using var directory = TempDirectory.ForCaller();
        using var store = StateFileStore.Open(directory.Combine("state.json"), followSymlinks: false);

        Assert.Null(store.Load());
    }

    [Theory]
    [InlineData("{\"format\":\"auditbridge-pull-state\",\n  \"version\": 1,\n  \"vendor\": ", ":3:")]
    [InlineData("{\"format\":\"something-else\"}", "not an auditbridge pull state")]
    [InlineData("{\"format\":\"auditbridge-pull-state\",\"version\":99}", "version 99")]
    public void Load_WhenTheFileIsDamaged_FailsWithFileAndPosition(string content, string expected)
    {
        using var directory = TempDirectory.ForCaller();
        var path = directory.Combine("state.json");
        File.WriteAllText(path, content);
        using var store = StateFileStore.Open(path, followSymlinks: false);

        var failure = Assert.Throws<UsageException>(store.Load);

        Assert.Contains(path, failure.Message, StringComparison.Ordinal);
        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
        Assert.Contains("--reset-state", failure.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.State, failure.ExitCode);
    }

    [Fact]
    public void Open_WhenAnotherRunHoldsTheState_Fails()
    {
        using var directory = TempDirectory.ForCaller();
        using var first = StateFileStore.Open(directory.Combine("state.json"), followSymlinks: false);

        var failure = Assert.Throws<UsageException>(() => StateFileStore.Open(directory.Combine("state.json"), followSymlinks: false));

        Assert.Contains("in use by another auditbridge process", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_WhenLinksArePlantedAtPredictableTemporaryNames_WritesNoneOfTheirTargets()
    {
        using var directory = TempDirectory.ForCaller();
        var victim = directory.Combine("victim");
        File.WriteAllText(victim, "precious\n");
        var path = directory.Combine("state.json");
        foreach (var guess in new[] { $"state.json.tmp-{Environment.ProcessId}", "state.json.tmp", ".state.json.tmp" })
        {
            File.CreateSymbolicLink(directory.Combine(guess), victim);
        }

        using var store = StateFileStore.Open(path, followSymlinks: false);

        store.Save(new PullState("dropbox", new Dictionary<string, string>(), null, Checkpoint.Empty with { Position = "c" }, T0));

        Assert.Equal("precious\n", File.ReadAllText(victim));
        Assert.Equal("c", store.Load()!.Checkpoint.Position);
        Assert.Null(new FileInfo(path).LinkTarget);
    }

    [Fact]
    public void Open_WhenTheStateFileIsASymbolicLink_RefusesNamingTheLinkAndTheOption()
    {
        using var directory = TempDirectory.ForCaller();
        var victim = directory.Combine("victim");
        File.WriteAllText(victim, "precious\n");
        var path = directory.Combine("state.json");
        File.CreateSymbolicLink(path, victim);

        var failure = Assert.Throws<UsageException>(() => StateFileStore.Open(path, followSymlinks: false));

        Assert.Contains($"state file {path} is a symbolic link to {victim}", failure.Message, StringComparison.Ordinal);
        Assert.Contains("--follow-symlinks", failure.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.State, failure.ExitCode);
        Assert.Equal("precious\n", File.ReadAllText(victim));
        Assert.False(File.Exists(path + ".lock"));
    }

    [Fact]
    public void Open_WithFollowSymlinks_KeepsTheStateWhereTheLinkPoints()
    {
        using var directory = TempDirectory.ForCaller();
        Directory.CreateDirectory(directory.Combine("real"));
        var target = directory.Combine("real/state.json");
        var path = directory.Combine("state.json");
        File.CreateSymbolicLink(path, target);

        using (var store = StateFileStore.Open(path, followSymlinks: true))
        {
            store.Save(new PullState("dropbox", new Dictionary<string, string>(), null, Checkpoint.Empty with { Position = "c" }, T0));
        }

        Assert.Equal(target, new FileInfo(path).LinkTarget);
        Assert.Equal("c", StateFileStore.Deserialize(File.ReadAllBytes(target)).Checkpoint.Position);
        Assert.True(File.Exists(target + ".lock"));
    }

    [Fact]
    public void Open_WhenTheLockFileIsASymbolicLink_RefusesAndCreatesNothingWhereItPoints()
    {
        using var directory = TempDirectory.ForCaller();
        var target = directory.Combine("elsewhere");
        var path = directory.Combine("state.json");
        File.CreateSymbolicLink(path + ".lock", target);

        var failure = Assert.Throws<UsageException>(() => StateFileStore.Open(path, followSymlinks: false));

        Assert.Contains("is a symbolic link", failure.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(target));
    }

    [Fact]
    public void DescribeMismatch_ListsEveryDifferingFilter_AndNothingWhenEqual()
    {
        var saved = new PullState("dropbox", new Dictionary<string, string> { ["category"] = "logins" }, null, Checkpoint.Empty, T0);

        var same = saved.DescribeMismatch("dropbox", new Dictionary<string, string> { ["category"] = "logins" });
        var other = saved.DescribeMismatch("dropbox", new Dictionary<string, string> { ["event_type"] = "file_add" });
        var vendor = saved.DescribeMismatch("box", new Dictionary<string, string> { ["category"] = "logins" });

        Assert.Null(same);
        Assert.Equal("its filters differ (category: saved 'logins', now none; event_type: saved none, now 'file_add')", other);
        Assert.Equal("it was saved by 'pull dropbox', not 'pull box'", vendor);
    }
}
