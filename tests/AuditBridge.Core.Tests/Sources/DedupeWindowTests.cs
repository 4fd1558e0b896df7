using AuditBridge.Sources;

namespace AuditBridge.Core.Tests.Sources;

public sealed class DedupeWindowTests
{
    private static readonly DateTimeOffset T0 = new(2024, 5, 3, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TryAdd_WhenIdSeenBefore_ReturnsFalse()
    {
        var window = new DedupeWindow(TimeSpan.FromHours(1));

        Assert.True(window.TryAdd("a", T0));
        Assert.False(window.TryAdd("a", T0));
    }

    [Fact]
    public void Prune_ForgetsIdsOlderThanNewestMinusSpan_AndKeepsTheRest()
    {
        var window = new DedupeWindow(TimeSpan.FromMinutes(10));
        window.TryAdd("old", T0);
        window.TryAdd("edge", T0.AddMinutes(5));
        window.TryAdd("new", T0.AddMinutes(15));

        window.Prune();

        Assert.False(window.Contains("old"));
        Assert.True(window.Contains("edge"));
        Assert.True(window.Contains("new"));
    }

    [Fact]
    public void ToCheckpoint_ThenFrom_RoundTripsIdsAndNewestTime()
    {
        var window = new DedupeWindow(TimeSpan.FromHours(1));
        window.TryAdd("b", T0.AddSeconds(2));
        window.TryAdd("a", T0.AddSeconds(1));

        var checkpoint = window.ToCheckpoint("cursor-1");
        var restored = DedupeWindow.From(checkpoint, TimeSpan.FromHours(1));

        Assert.Equal("cursor-1", checkpoint.Position);
        Assert.Equal(T0.AddSeconds(2), checkpoint.NewestEventTime);
        Assert.Equal(["a", "b"], checkpoint.Recent.Select(s => s.Id));
        Assert.False(restored.TryAdd("a", T0));
        Assert.Equal(T0.AddSeconds(2), restored.Newest);
    }

    [Fact]
    public void Create_WithANegativeSpan_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DedupeWindow(TimeSpan.FromTicks(-1)));
    }

    [Fact]
    public void Prune_ForgetsEveryOldId_NotOnlyTheLast()
    {
        var window = new DedupeWindow(TimeSpan.FromMinutes(10));
        window.TryAdd("old-1", T0);
        window.TryAdd("old-2", T0.AddMinutes(1));
        window.TryAdd("old-3", T0.AddMinutes(2));
        window.TryAdd("new", T0.AddMinutes(15));

        window.Prune();

        Assert.Equal(1, window.Count);
        Assert.True(window.Contains("new"));
    }

    [Fact]
    public void ToCheckpoint_CarriesOnlyTheIdsInsideTheSpan()
    {
        var window = new DedupeWindow(TimeSpan.FromMinutes(10));
        window.TryAdd("old", T0);
        window.TryAdd("new", T0.AddMinutes(15));

        var checkpoint = window.ToCheckpoint("cursor");

        Assert.Equal(["new"], checkpoint.Recent.Select(s => s.Id));
    }

    [Fact]
    public void ToCheckpoint_ListsTheIdsOldestFirst_AndIdsOfTheSameTimeInOrdinalOrder()
    {
        // Ids in an order that is neither their time order nor their ordinal order, so each rule shows.
        var window = new DedupeWindow(TimeSpan.FromHours(1));
        window.TryAdd("m", T0.AddSeconds(2));
        window.TryAdd("b", T0.AddSeconds(1));
        window.TryAdd("z", T0);
        window.TryAdd("a", T0.AddSeconds(1));

        var checkpoint = window.ToCheckpoint("cursor");

        Assert.Equal(["z", "a", "b", "m"], checkpoint.Recent.Select(s => s.Id));
    }
}
