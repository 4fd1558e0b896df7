using AuditBridge.Journal;
using AuditBridge.Sources;
using AuditBridge.TestKit;
using AuditBridge.TestKit.Journal;
using AuditBridge.TestKit.Time;

namespace AuditBridge.Connectors.Tests.Journal;

/// <summary>The registry of journal types: <c>journal.type</c> picks the implementation, an unknown type is named.</summary>
public sealed class JournalFactoryTests : IDisposable
{
    private readonly TempDirectory _directory = TempDirectory.ForCaller();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero));

    private static SourcePage Page => JournalTestEvents.Page([JournalTestEvents.Event("src", "e1")], "p1");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Types_ListSqlite()
    {
        Assert.Equal(["sqlite"], JournalFactory.Types);
    }

    [Fact]
    public async Task UnknownType_IsRefusedWithTheKnownTypes()
    {
        var location = new JournalLocation { Type = "mongodb", Path = _directory.Combine("j.db") };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => JournalFactory.OpenAsync(location, _time, CancellationToken.None));

        Assert.Contains("unknown journal type 'mongodb' (known: sqlite)", error.Message, StringComparison.Ordinal);
        Assert.Equal(["unknown journal type 'mongodb' (known: sqlite)"], JournalFactory.Validate(location));
    }

    [Fact]
    public async Task Sqlite_OwnerCreatesTheFile_ThenItExists_AndASharedOpenReadsIt()
    {
        var owner = new JournalLocation { Type = "sqlite", Path = _directory.Combine("j.db") };
        Assert.False(JournalFactory.Exists(owner));

        await using (var journal = await JournalFactory.OpenAsync(owner, _time, CancellationToken.None))
        {
            await journal.AppendAsync("src", Page, _time.GetUtcNow(), CancellationToken.None);
        }

        Assert.True(JournalFactory.Exists(owner));
        await using var shared = await JournalFactory.OpenAsync(owner with { Shared = true }, _time, CancellationToken.None);
        Assert.Equal(1, await shared.GetHeadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Sqlite_SharedOpen_RefusesAppends()
    {
        var owner = new JournalLocation { Type = "sqlite", Path = _directory.Combine("j.db") };
        await (await JournalFactory.OpenAsync(owner, _time, CancellationToken.None)).DisposeAsync();

        await using var shared = await JournalFactory.OpenAsync(owner with { Shared = true }, _time, CancellationToken.None);

        await Assert.ThrowsAnyAsync<Exception>(() => shared.AppendAsync("src", Page, _time.GetUtcNow(), CancellationToken.None));
    }

    [Fact]
    public void Sqlite_ADirectoryIsNotAJournal()
    {
        var problems = JournalFactory.Validate(new JournalLocation { Type = "sqlite", Path = _directory.Path });

        Assert.Contains(problems, p => p.Contains("is a directory", StringComparison.Ordinal));
    }
}
