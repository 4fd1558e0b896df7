using AuditBridge.Journal;
using AuditBridge.Journal.Leases;
using AuditBridge.TestKit.Time;

namespace AuditBridge.TestKit.Journal;

/// <summary>
/// The lease contract every journal keeps (<see cref="IJournalLeases"/>): one owner at a time until the lease expires or
/// is released, a token that grows whenever it changes hands, and fenced writes (append, position) refused in their own
/// transaction once the lease moved on.
/// </summary>
public abstract class JournalLeaseContractTests
{
    private const string Name = "source:acme-dropbox";
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(30);

    protected JournalLeaseContractTests()
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero));
    }

    protected FakeTimeProvider Time { get; }

    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Opens a new, empty journal under test, on <see cref="Time"/>.</summary>
    protected abstract Task<IJournal> OpenAsync();

    [Fact]
    public async Task TryAcquireLeaseAsync_Free_GivesTokenOneUntilNowPlusTheDuration()
    {
        await using var journal = await OpenAsync();

        var lease = await journal.TryAcquireLeaseAsync(Name, "worker-a", Duration, Token);

        Assert.Equal(new Lease(Name, "worker-a", 1, Time.GetUtcNow(), Time.GetUtcNow() + Duration), lease);
    }

    [Fact]
    public async Task TryAcquireLeaseAsync_HeldByAnother_IsRefusedUntilItExpires_ThenTakenWithAHigherToken()
    {
        await using var journal = await OpenAsync();
        var first = await journal.TryAcquireLeaseAsync(Name, "worker-a", Duration, Token);

        var refused = await journal.TryAcquireLeaseAsync(Name, "worker-b", Duration, Token);
        Time.Advance(Duration);
        var taken = await journal.TryAcquireLeaseAsync(Name, "worker-b", Duration, Token);

        Assert.Null(refused);
        Assert.Equal(("worker-b", first!.Token + 1), (taken!.Owner, taken.Token));
    }

    [Fact]
    public async Task TryAcquireLeaseAsync_BySameOwnerWhileHeld_ExtendsItAndKeepsTheToken()
    {
        await using var journal = await OpenAsync();
        var first = await journal.TryAcquireLeaseAsync(Name, "worker-a", Duration, Token);
        Time.Advance(TimeSpan.FromSeconds(10));

        var again = await journal.TryAcquireLeaseAsync(Name, "worker-a", Duration, Token);

        Assert.Equal(first! with { ExpiresAt = Time.GetUtcNow() + Duration }, again);
    }

    [Fact]
    public async Task RenewLeaseAsync_WhileHeld_ExtendsIt_AfterExpiryOrTakeover_ReturnsNull()
    {
        await using var journal = await OpenAsync();
        var lease = (await journal.TryAcquireLeaseAsync(Name, "worker-a", Duration, Token))!;
        Time.Advance(TimeSpan.FromSeconds(20));

        var renewed = await journal.RenewLeaseAsync(lease, Duration, Token);
        Time.Advance(Duration);
        var late = await journal.RenewLeaseAsync(renewed!, Duration, Token);

        Assert.Equal(Time.GetUtcNow(), renewed!.ExpiresAt);
        Assert.Equal(lease.Token, renewed.Token);
        Assert.Null(late);
    }

    [Fact]
    public async Task ReleaseLeaseAsync_HandsItOverAtOnce_AndTheNextOwnerGetsAHigherToken()
    {
        await using var journal = await OpenAsync();
        var lease = (await journal.TryAcquireLeaseAsync(Name, "worker-a", Duration, Token))!;

        await journal.ReleaseLeaseAsync(lease, Token);
        var next = await journal.TryAcquireLeaseAsync(Name, "worker-b", Duration, Token);
        await journal.ReleaseLeaseAsync(lease, Token);

        Assert.Equal(lease.Token + 1, next!.Token);
        Assert.Equal(next, Assert.Single(await journal.GetLeasesAsync(Token)));
    }

    [Fact]
    public async Task AppendAsync_UnderALeaseThatMovedOn_IsRefusedAndStoresNothing()
    {
        await using var journal = await OpenAsync();
        var old = (await journal.TryAcquireLeaseAsync(Name, "worker-a", Duration, Token))!;
        await journal.AppendAsync("acme-dropbox", JournalTestEvents.Page([JournalTestEvents.Event("acme-dropbox", "a")], "c1"), Time.GetUtcNow(), old.Fence, Token);
        Time.Advance(Duration);
        var current = (await journal.TryAcquireLeaseAsync(Name, "worker-b", Duration, Token))!;

        var refused = await Assert.ThrowsAsync<JournalException>(() =>
            journal.AppendAsync("acme-dropbox", JournalTestEvents.Page([JournalTestEvents.Event("acme-dropbox", "stale")], "c-stale"), Time.GetUtcNow(), old.Fence, Token));
        await journal.AppendAsync("acme-dropbox", JournalTestEvents.Page([JournalTestEvents.Event("acme-dropbox", "b")], "c2"), Time.GetUtcNow(), current.Fence, Token);

        Assert.Equal(JournalErrorKind.Fenced, refused.Kind);
        Assert.False(refused.IsTransient);
        Assert.Equal(["a", "b"], (await journal.ReadAsync(0, 10, Token)).Select(e => e.Event.Id));
        Assert.Equal("c2", (await journal.GetCheckpointAsync("acme-dropbox", Token))?.Position);
    }

    [Fact]
    public async Task SetPositionAsync_AndTakeRequestedPosition_UnderALeaseThatMovedOn_AreRefused()
    {
        await using var journal = await OpenAsync();
        var old = (await journal.TryAcquireLeaseAsync("sink:siem", "worker-a", Duration, Token))!;
        await journal.SetPositionAsync("siem", 5, old.Fence, Token);
        await journal.ReleaseLeaseAsync(old, Token);
        var current = (await journal.TryAcquireLeaseAsync("sink:siem", "worker-b", Duration, Token))!;
        await journal.RequestPositionAsync("siem", 2, Token);

        var position = await Assert.ThrowsAsync<JournalException>(() => journal.SetPositionAsync("siem", 9, old.Fence, Token));
        var take = await Assert.ThrowsAsync<JournalException>(() => journal.TakeRequestedPositionAsync("siem", old.Fence, Token));
        var taken = await journal.TakeRequestedPositionAsync("siem", current.Fence, Token);

        Assert.Equal([JournalErrorKind.Fenced, JournalErrorKind.Fenced], new[] { position.Kind, take.Kind });
        Assert.Equal(2, taken);
        Assert.Equal(2, await journal.GetPositionAsync("siem", Token));
    }

    [Fact]
    public async Task AppendAsync_UnderALeaseNobodyEverTook_IsRefused()
    {
        await using var journal = await OpenAsync();

        var refused = await Assert.ThrowsAsync<JournalException>(() =>
            journal.AppendAsync("acme-dropbox", JournalTestEvents.Page([JournalTestEvents.Event("acme-dropbox", "a")], "c1"), Time.GetUtcNow(), new Fence(Name, 1), Token));

        Assert.Equal(JournalErrorKind.Fenced, refused.Kind);
        Assert.Empty(await journal.ReadAsync(0, 10, Token));
    }
}
