using AuditBridge.Events;
using AuditBridge.Journal;
using AuditBridge.Sources;
using AuditBridge.TestKit.Time;

namespace AuditBridge.TestKit.Journal;

/// <summary>
/// The behaviour every <see cref="IJournal"/> promises (the Vector compliance idea): the SQLite journal derives from this,
/// and so will the PostgreSQL one. A derived class says how to open its journal (again, after a restart) and how to make
/// its store fail in the middle of an append.
/// </summary>
public abstract class JournalContractTests
{
    protected const string Source = "acme-dropbox";
    protected const string OtherSource = "acme-box";

    /// <summary>A Box stream position: above 2^53, so it only survives as text.</summary>
    protected const string BoxStreamPosition = "1152922976252290886";

    protected JournalContractTests()
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2024, 5, 3, 10, 41, 7, TimeSpan.Zero));
    }

    /// <summary>The clock passed to every journal this test opens.</summary>
    protected FakeTimeProvider Time { get; }

    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Opens the journal under test; after the previous one was disposed, opens the same stored journal (a restart).</summary>
    protected abstract Task<IJournal> OpenAsync();

    /// <summary>From now on, the store itself fails (not the caller's page) when an append stores the event <paramref name="eventId"/>.</summary>
    protected abstract Task InjectStoreFailureAsync(IJournal journal, string eventId);

    [Fact]
    public async Task AppendAsync_NewEvents_StoresThemInPageOrderWithIncreasingSequences()
    {
        await using var journal = await OpenAsync();
        var events = Events(5);

        await journal.AppendAsync(Source, Page(events, "c1"), Now, Token);

        var stored = await journal.ReadAsync(0, 100, Token);
        Assert.Equal(events.Select(e => e.Id), stored.Select(e => e.Event.Id));
        AssertIncreasing(stored);
    }

    [Fact]
    public async Task AppendAsync_NewJournal_ReportsInsertedDuplicatesAndHead()
    {
        await using var journal = await OpenAsync();
        var events = Events(3);

        var result = await journal.AppendAsync(Source, Page(events, "c1"), Now, Token);

        var stored = await journal.ReadAsync(0, 100, Token);
        Assert.Equal(3, result.Inserted);
        Assert.Equal(0, result.Duplicates);
        Assert.Equal(stored[^1].Sequence, result.LastSequence);
        Assert.Equal(result.LastSequence, await journal.GetHeadAsync(Token));
    }

    [Fact]
    public async Task AppendAsync_SameIdTwiceInOnePage_StoresItOnceAndCountsADuplicate()
    {
        await using var journal = await OpenAsync();
        var first = Event("twice");
        var events = new[] { first, Event("other"), Event("twice") };

        var result = await journal.AppendAsync(Source, Page(events, "c1"), Now, Token);

        Assert.Equal((2, 1), (result.Inserted, result.Duplicates));
        Assert.Equal(["twice", "other"], (await journal.ReadAsync(0, 100, Token)).Select(e => e.Event.Id));
    }

    [Fact]
    public async Task AppendAsync_EventsStoredByAnEarlierPage_SkipsAndCountsThem()
    {
        await using var journal = await OpenAsync();
        await journal.AppendAsync(Source, Page([Event("a"), Event("b")], "c1"), Now, Token);

        var result = await journal.AppendAsync(Source, Page([Event("b"), Event("c"), Event("a")], "c2"), Now, Token);

        Assert.Equal((1, 2), (result.Inserted, result.Duplicates));
        Assert.Equal(["a", "b", "c"], (await journal.ReadAsync(0, 100, Token)).Select(e => e.Event.Id));
        Assert.Equal("c2", (await journal.GetCheckpointAsync(Source, Token))?.Position);
    }

    [Fact]
    public async Task AppendAsync_AfterARestart_SkipsEventsStoredBefore()
    {
        await using (var journal = await OpenAsync())
        {
            await journal.AppendAsync(Source, Page([Event("a"), Event("b")], "c1"), Now, Token);
        }

        await using var reopened = await OpenAsync();
        var result = await reopened.AppendAsync(Source, Page([Event("a"), Event("b"), Event("c")], "c2"), Now, Token);

        Assert.Equal((1, 2), (result.Inserted, result.Duplicates));
        Assert.Equal(["a", "b", "c"], (await reopened.ReadAsync(0, 100, Token)).Select(e => e.Event.Id));
    }

    [Fact]
    public async Task AppendAsync_SameIdInAnotherSource_StoresBoth()
    {
        await using var journal = await OpenAsync();
        await journal.AppendAsync(Source, Page([Event("shared-id")], "c1"), Now, Token);

        var result = await journal.AppendAsync(OtherSource, Page([JournalTestEvents.Event(OtherSource, "shared-id")], "b1"), Now, Token);

        Assert.Equal(1, result.Inserted);
        Assert.Equal([Source, OtherSource], (await journal.ReadAsync(0, 100, Token)).Select(e => e.Event.Source));
    }

    [Fact]
    public async Task AppendAsync_WhenThePageFailsHalfWay_StoresNothingOfItAndKeepsTheCheckpoint()
    {
        await using var journal = await OpenAsync();
        await journal.AppendAsync(Source, Page([Event("before")], "c1", [new SeenEvent("before", Some.Instant)]), Now, Token);
        var events = new FailingList<AuditEvent>(Events(10), failAt: 6);

        await Assert.ThrowsAsync<InvalidOperationException>(() => journal.AppendAsync(Source, Page(events, "c2", [new SeenEvent("x", Some.Instant)]), Now, Token));

        Assert.Equal(["before"], (await journal.ReadAsync(0, 100, Token)).Select(e => e.Event.Id));
        var checkpoint = await journal.GetCheckpointAsync(Source, Token);
        Assert.Equal("c1", checkpoint?.Position);
        Assert.Equal([new SeenEvent("before", Some.Instant)], checkpoint?.Recent);
    }

    [Fact]
    public async Task AppendAsync_WhenTheStoreFailsHalfWay_StoresNothingOfItAndKeepsTheCheckpoint()
    {
        await using var journal = await OpenAsync();
        await journal.AppendAsync(Source, Page([Event("before")], "c1"), Now, Token);
        await InjectStoreFailureAsync(journal, "poison");
        var events = Events(4).Append(Event("poison")).Concat(Events(4)).ToArray();

        await Assert.ThrowsAsync<JournalException>(() => journal.AppendAsync(Source, Page(events, "c2"), Now, Token));

        Assert.Equal(["before"], (await journal.ReadAsync(0, 100, Token)).Select(e => e.Event.Id));
        Assert.Equal("c1", (await journal.GetCheckpointAsync(Source, Token))?.Position);
        var next = await journal.AppendAsync(Source, Page([Event("after")], "c3"), Now, Token);
        Assert.Equal(1, next.Inserted);
        Assert.Equal(["before", "after"], (await journal.ReadAsync(0, 100, Token)).Select(e => e.Event.Id));
    }

    [Fact]
    public async Task AppendAsync_EmptyPage_ReplacesTheCheckpoint()
    {
        await using var journal = await OpenAsync();
        await journal.AppendAsync(Source, Page([Event("a")], "c1"), Now, Token);
        var head = await journal.GetHeadAsync(Token);

        var result = await journal.AppendAsync(Source, new SourcePage([], new Checkpoint("c2", Some.Instant, []), HasMore: false), Now, Token);

        Assert.Equal(new AppendResult(0, 0, head), result);
        Assert.Equal("c2", (await journal.GetCheckpointAsync(Source, Token))?.Position);
    }

    [Fact]
    public async Task AppendAsync_QuarantinedEvents_AreKeptWithThePageOncePerContentAndSourceAndReadBackInOrder()
    {
        await using var journal = await OpenAsync();
        var poison = Quarantined("""{"timestamp":17}""", "get_events, entry 3 of the page (0-based)");
        var other = Quarantined("""{"created_at":null}""", "admin_logs, entry 0 of the page (0-based)");

        var first = await journal.AppendAsync(Source, Page([Event("a")], "c1") with { Quarantined = [poison, other] }, Now, Token);
        var again = await journal.AppendAsync(Source, Page([Event("b")], "c2") with { Quarantined = [poison] }, Now, Token);
        var elsewhere = await journal.AppendAsync(OtherSource, Page([], "x1") with { Quarantined = [poison] }, Now, Token);

        Assert.Equal((1, 2), (first.Inserted, first.Quarantined));
        Assert.Equal((1, 0), (again.Inserted, again.Quarantined));
        Assert.Equal(1, elsewhere.Quarantined);
        var kept = await journal.ReadQuarantineAsync(null, 0, 100, Token);
        Assert.Equal([(Source, poison), (Source, other), (OtherSource, poison)], kept.Select(k => (k.Source, k.Event)).ToList(), QuarantineComparer.Instance);
        Assert.All(kept, k => Assert.Equal(Now, k.Received));
        Assert.Equal(kept.Select(k => k.Id).Order(), kept.Select(k => k.Id));
        Assert.Equal([other], (await journal.ReadQuarantineAsync(Source, kept[0].Id, 100, Token)).Select(k => k.Event), QuarantineComparer.Events);
        Assert.Single(await journal.ReadQuarantineAsync(null, 0, 1, Token));
    }

    [Fact]
    public async Task AppendAsync_WhenThePageFailsHalfWay_KeepsNoneOfItsQuarantinedEvents()
    {
        await using var journal = await OpenAsync();
        var events = new FailingList<AuditEvent>(Events(4), failAt: 2);

        await Assert.ThrowsAsync<InvalidOperationException>(() => journal.AppendAsync(Source, Page(events, "c1") with { Quarantined = [Quarantined("{}", "p")] }, Now, Token));

        Assert.Empty(await journal.ReadQuarantineAsync(null, 0, 100, Token));
        Assert.Null(await journal.GetCheckpointAsync(Source, Token));
    }

    [Fact]
    public async Task GetSourceStatusAsync_Quarantined_CountsWhatTheJournalKeepsPerSource()
    {
        await using var journal = await OpenAsync();
        await journal.AppendAsync(Source, Page([], "c1") with { Quarantined = [Quarantined("[1]", "p"), Quarantined("[2]", "p")] }, Now, Token);
        await journal.AppendAsync(Source, Page([], "c2") with { Quarantined = [Quarantined("[1]", "p")] }, Now, Token);

        var source = Assert.Single(await StatusStore(journal).GetSourceStatusAsync(Token));

        Assert.Equal(2, source.Quarantined);
    }

    [Fact]
    public async Task DeleteExpiredAsync_QuarantinedEventsKeptBeforeTheCutOff_AreDeleted()
    {
        await using var journal = await OpenAsync();
        await journal.AppendAsync(Source, Page([], "c1") with { Quarantined = [Quarantined("[1]", "old")] }, Now, Token);
        Time.Advance(TimeSpan.FromDays(91));
        await journal.AppendAsync(Source, Page([], "c2") with { Quarantined = [Quarantined("[2]", "new")] }, Now, Token);

        await journal.DeleteExpiredAsync(Now.AddDays(-90), 0, Token);

        Assert.Equal(["new"], (await journal.ReadQuarantineAsync(null, 0, 100, Token)).Select(k => k.Event.Position));
    }

    [Fact]
    public async Task AppendAsync_EventOfAnotherSource_IsRefusedAndNothingIsStored()
    {
        await using var journal = await OpenAsync();
        var events = new[] { Event("mine"), JournalTestEvents.Event(OtherSource, "theirs") };

        await Assert.ThrowsAsync<ArgumentException>(() => journal.AppendAsync(Source, Page(events, "c1"), Now, Token));

        Assert.Empty(await journal.ReadAsync(0, 100, Token));
        Assert.Null(await journal.GetCheckpointAsync(Source, Token));
    }

    [Fact]
    public async Task ReadAsync_SimpleEvents_ReturnsEveryFieldAsAppendedWithTheReceiveTime()
    {
        await using var journal = await OpenAsync();
        var received = new DateTimeOffset(2024, 5, 3, 10, 45, 1, TimeSpan.Zero).AddTicks(1234567);
        var events = new[]
        {
            Event("full"),
            JournalTestEvents.WithSource(Some.Event(id: "sparse", description: null, ip: null, objects: [], sections: [], actor: new Principal(PrincipalKind.System)), Source),
        };

        await journal.AppendAsync(Source, Page(events, "c1"), received, Token);

        var stored = await journal.ReadAsync(0, 100, Token);
        for (var i = 0; i < events.Length; i++)
        {
            AuditEventAssert.AssertSameTime(received, stored[i].Event.Received, "Received");
            AuditEventAssert.Equal(WithReceived(events[i], received), stored[i].Event);
        }
    }

    [Fact]
    public async Task ReadAsync_MappedDropboxEvents_ReturnsEveryFieldByteForByte()
    {
        await using var journal = await OpenAsync();
        var events = JournalTestEvents.Dropbox(Source, 200);

        await journal.AppendAsync(Source, Page(events, "c1"), Now, Token);

        var stored = await journal.ReadAsync(0, 1000, Token);
        Assert.Equal(events.Length, stored.Count);
        for (var i = 0; i < events.Length; i++)
        {
            AuditEventAssert.Equal(WithReceived(events[i], Now), stored[i].Event);
        }
    }

    [Fact]
    public async Task ReadAsync_HostileStrings_ComeBackUnchanged()
    {
        await using var journal = await OpenAsync();
        var events = Some.HostileStrings.Select((text, i) => JournalTestEvents.WithSource(
            Some.Event(
                id: $"hostile-{i}-{text}",
                action: text,
                description: text,
                actor: new Principal(PrincipalKind.User, text, text, text),
                ip: text,
                objects: [new EventObject(text, text, text, text)],
                sections: [Some.Section(text, text, $$"""{"v":{{System.Text.Json.JsonSerializer.Serialize(text)}}}""")]),
            Source)).ToArray();

        await journal.AppendAsync(Source, Page(events, "c1"), Now, Token);

        var stored = await journal.ReadAsync(0, 1000, Token);
        for (var i = 0; i < events.Length; i++)
        {
            AuditEventAssert.Equal(WithReceived(events[i], Now), stored[i].Event);
        }
    }

    [Fact]
    public async Task ReadAsync_AfterAPosition_ReturnsTheNextEventsInOrderUpToMax()
    {
        await using var journal = await OpenAsync();
        await journal.AppendAsync(Source, Page(Events(4), "c1"), Now, Token);
        await journal.AppendAsync(Source, Page(Events(4), "c2"), Now, Token);
        var all = await journal.ReadAsync(0, 100, Token);

        var batch = await journal.ReadAsync(all[2].Sequence, 3, Token);

        Assert.Equal(all.Skip(3).Take(3).Select(e => (e.Sequence, e.Event.Id)), batch.Select(e => (e.Sequence, e.Event.Id)));
    }

    [Fact]
    public async Task ReadAsync_AtTheHead_ReturnsNothing()
    {
        await using var journal = await OpenAsync();
        var result = await journal.AppendAsync(Source, Page(Events(2), "c1"), Now, Token);

        var batch = await journal.ReadAsync(result.LastSequence, 10, Token);

        Assert.Empty(batch);
    }

    [Fact]
    public async Task GetHeadAsync_EmptyJournal_IsZero()
    {
        await using var journal = await OpenAsync();

        var head = await journal.GetHeadAsync(Token);

        Assert.Equal(0, head);
    }

    [Fact]
    public async Task AppendAsync_AfterRetentionDeletedEverything_NeverReusesASequenceNumber()
    {
        await using var journal = await OpenAsync();
        var first = await journal.AppendAsync(Source, Page(Events(3), "c1"), Now, Token);
        Time.Advance(TimeSpan.FromDays(100));
        await journal.DeleteExpiredAsync(Now, first.LastSequence, Token);
        Assert.Empty(await journal.ReadAsync(0, 100, Token));
        Assert.Equal(first.LastSequence, await journal.GetHeadAsync(Token));

        await journal.AppendAsync(Source, Page(Events(2), "c2"), Now, Token);

        var stored = await journal.ReadAsync(0, 100, Token);
        Assert.Equal(2, stored.Count);
        Assert.All(stored, e => Assert.True(e.Sequence > first.LastSequence, $"sequence {e.Sequence} was given before"));
    }

    [Fact]
    public async Task GetCheckpointAsync_UnknownSource_ReturnsNull()
    {
        await using var journal = await OpenAsync();

        var checkpoint = await journal.GetCheckpointAsync("never-appended", Token);

        Assert.Null(checkpoint);
    }

    [Fact]
    public async Task GetCheckpointAsync_AfterAppendAndRestart_ReturnsItExactly()
    {
        var newest = new DateTimeOffset(2024, 5, 3, 10, 41, 7, TimeSpan.Zero).AddTicks(1234567);
        SeenEvent[] recent =
        [
            new("dbx:old", newest.AddMinutes(-50).AddTicks(1)),
            new("box:1152922976252290886", newest.AddMinutes(-3)),
            new("tie-a", newest),
            new("tie-b", newest),
        ];
        var checkpoint = new Checkpoint(BoxStreamPosition, newest, recent);
        await using (var journal = await OpenAsync())
        {
            await journal.AppendAsync(Source, new SourcePage([Event("a")], checkpoint, HasMore: true), Now, Token);
        }

        await using var reopened = await OpenAsync();
        var stored = await reopened.GetCheckpointAsync(Source, Token);

        Assert.NotNull(stored);
        Assert.Equal(BoxStreamPosition, stored.Position);
        AuditEventAssert.AssertSameTime(newest, stored.NewestEventTime, "NewestEventTime");
        Assert.Equal(recent, stored.Recent);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("AAGx9c-cursor/with+odd=chars\n and a newline 日本")]
    public async Task GetCheckpointAsync_AnyPositionText_RoundTrips(string? position)
    {
        await using var journal = await OpenAsync();

        await journal.AppendAsync(Source, new SourcePage([], new Checkpoint(position, null, []), HasMore: false), Now, Token);

        var stored = await journal.GetCheckpointAsync(Source, Token);
        Assert.NotNull(stored);
        Assert.Equal(position, stored.Position);
        Assert.Null(stored.NewestEventTime);
        Assert.Empty(stored.Recent);
    }

    [Fact]
    public async Task GetCheckpointAsync_WindowThatGrowsShrinksAndMoves_ReturnsTheLatestWindowAlsoAfterARestart()
    {
        var window = new DedupeWindow(TimeSpan.FromMinutes(10));
        var pages = new List<Checkpoint>();
        for (var page = 0; page < 6; page++)
        {
            for (var i = 0; i < 5; i++)
            {
                window.TryAdd($"p{page}-e{i}", Some.Instant.AddMinutes((page * 4) + i).AddTicks(page + i));
            }

            pages.Add(window.ToCheckpoint($"c{page}"));
        }

        pages.Add(new Checkpoint("emptied", null, []));
        pages.Add(window.ToCheckpoint("refilled"));

        await using (var journal = await OpenAsync())
        {
            foreach (var checkpoint in pages.Take(4))
            {
                await journal.AppendAsync(Source, new SourcePage([], checkpoint, HasMore: true), Now, Token);
                Assert.Equal(checkpoint.Recent, (await journal.GetCheckpointAsync(Source, Token))?.Recent);
            }
        }

        await using var reopened = await OpenAsync();
        foreach (var checkpoint in pages.Skip(4))
        {
            await reopened.AppendAsync(Source, new SourcePage([], checkpoint, HasMore: true), Now, Token);
            Assert.Equal(checkpoint.Recent, (await reopened.GetCheckpointAsync(Source, Token))?.Recent);
        }
    }

    [Fact]
    public async Task GetCheckpointAsync_TwoSources_KeepsEachOwnCheckpoint()
    {
        await using var journal = await OpenAsync();
        await journal.AppendAsync(Source, Page([Event("a")], "dropbox-cursor", [new SeenEvent("a", Some.Instant)]), Now, Token);
        await journal.AppendAsync(OtherSource, Page([JournalTestEvents.Event(OtherSource, "b")], BoxStreamPosition, [new SeenEvent("b", Some.Instant)]), Now, Token);

        var dropbox = await journal.GetCheckpointAsync(Source, Token);
        var box = await journal.GetCheckpointAsync(OtherSource, Token);

        Assert.Equal(("dropbox-cursor", "a"), (dropbox?.Position, dropbox?.Recent.Single().Id));
        Assert.Equal((BoxStreamPosition, "b"), (box?.Position, box?.Recent.Single().Id));
    }

    [Fact]
    public async Task GetPositionAsync_UnknownSink_IsZero()
    {
        await using var journal = await OpenAsync();

        var position = await journal.GetPositionAsync("siem", Token);

        Assert.Equal(0, position);
    }

    [Fact]
    public async Task SetPositionAsync_TwoSinks_KeepsEachOwnPositionAcrossARestart()
    {
        await using (var journal = await OpenAsync())
        {
            await journal.SetPositionAsync("siem", 42, Token);
            await journal.SetPositionAsync("archive", 7, Token);
        }

        await using var reopened = await OpenAsync();

        Assert.Equal(42, await reopened.GetPositionAsync("siem", Token));
        Assert.Equal(7, await reopened.GetPositionAsync("archive", Token));
    }

    [Fact]
    public async Task SetPositionAsync_Backwards_SetsIt()
    {
        await using var journal = await OpenAsync();
        await journal.SetPositionAsync("siem", 42, Token);

        await journal.SetPositionAsync("siem", 3, Token);

        Assert.Equal(3, await journal.GetPositionAsync("siem", Token));
    }

    [Fact]
    public async Task DeleteExpiredAsync_DeletesEventsReceivedBeforeTheCutOffAndDelivered()
    {
        await using var journal = await OpenAsync();
        var old = await journal.AppendAsync(Source, Page(Events(3), "c1"), Now, Token);
        Time.Advance(TimeSpan.FromDays(91));
        await journal.AppendAsync(Source, Page(Events(2), "c2"), Now, Token);
        var head = await journal.GetHeadAsync(Token);

        var deleted = await journal.DeleteExpiredAsync(Now.AddDays(-90), head, Token);

        Assert.Equal(3, deleted);
        var remaining = await journal.ReadAsync(0, 100, Token);
        Assert.Equal(2, remaining.Count);
        Assert.All(remaining, e => Assert.True(e.Sequence > old.LastSequence));
    }

    [Fact]
    public async Task DeleteExpiredAsync_OldEventsTheSlowestSinkHasNotDelivered_KeepsThem()
    {
        await using var journal = await OpenAsync();
        await journal.AppendAsync(Source, Page(Events(5), "c1"), Now, Token);
        var stored = await journal.ReadAsync(0, 100, Token);
        Time.Advance(TimeSpan.FromDays(365));

        var deleted = await journal.DeleteExpiredAsync(Now, deliveredUpTo: stored[1].Sequence, Token);

        Assert.Equal(2, deleted);
        Assert.Equal(stored.Skip(2).Select(e => e.Sequence), (await journal.ReadAsync(0, 100, Token)).Select(e => e.Sequence));
    }

    [Fact]
    public async Task DeleteExpiredAsync_NothingOldEnough_DeletesNothing()
    {
        await using var journal = await OpenAsync();
        var result = await journal.AppendAsync(Source, Page(Events(3), "c1"), Now, Token);

        var deleted = await journal.DeleteExpiredAsync(Now, result.LastSequence, Token);

        Assert.Equal(0, deleted);
        Assert.Equal(3, (await journal.ReadAsync(0, 100, Token)).Count);
    }

    [Fact]
    public async Task AppendAsync_AnIdRetentionDeleted_IsStoredAgain()
    {
        // The journal forgets deleted ids: the source's checkpoint window, not the journal, covers re-reads that old.
        await using var journal = await OpenAsync();
        var first = await journal.AppendAsync(Source, Page([Event("a")], "c1"), Now, Token);
        Time.Advance(TimeSpan.FromDays(91));
        await journal.DeleteExpiredAsync(Now.AddDays(-90), first.LastSequence, Token);

        var again = await journal.AppendAsync(Source, Page([Event("a")], "c2"), Now, Token);

        Assert.Equal(1, again.Inserted);
        Assert.True(again.LastSequence > first.LastSequence);
    }

    [Fact]
    public async Task FindSequenceAsync_ByReceived_ReturnsTheFirstEventReceivedAtOrAfter()
    {
        await using var journal = await OpenAsync();
        await journal.AppendAsync(Source, Page(Events(2), "c1"), Now, Token);
        Time.Advance(TimeSpan.FromHours(1));
        var tuesday = Now;
        await journal.AppendAsync(Source, Page(Events(2), "c2"), Now, Token);
        Time.Advance(TimeSpan.FromHours(1));
        await journal.AppendAsync(Source, Page(Events(2), "c3"), Now, Token);
        var all = await journal.ReadAsync(0, 100, Token);

        Assert.Equal(all[2].Sequence, await journal.FindSequenceAsync(tuesday, JournalTimeField.Received, Token));
        Assert.Equal(all[2].Sequence, await journal.FindSequenceAsync(tuesday.AddMinutes(-30), JournalTimeField.Received, Token));
        Assert.Equal(all[0].Sequence, await journal.FindSequenceAsync(DateTimeOffset.UnixEpoch, JournalTimeField.Received, Token));
    }

    [Fact]
    public async Task FindSequenceAsync_ByTime_ReturnsTheFirstStoredEventThatHappenedAtOrAfter()
    {
        await using var journal = await OpenAsync();
        var t = Some.Instant;

        // Backfills and late events: event times are not in sequence order, within a page or across pages.
        await journal.AppendAsync(Source, Page([Event("p1-early", t), Event("p1-late", t.AddHours(5))], "c1"), Now, Token);
        await journal.AppendAsync(Source, Page([Event("p2-a", t.AddHours(1)), Event("p2-c", t.AddHours(3)), Event("p2-b", t.AddHours(2))], "c2"), Now, Token);
        var all = await journal.ReadAsync(0, 100, Token);
        long Sequence(string id) => all.Single(e => e.Event.Id == id).Sequence;

        Assert.Equal(Sequence("p1-early"), await journal.FindSequenceAsync(t, JournalTimeField.Time, Token));
        Assert.Equal(Sequence("p1-late"), await journal.FindSequenceAsync(t.AddHours(4), JournalTimeField.Time, Token));
        Assert.Equal(Sequence("p1-late"), await journal.FindSequenceAsync(t.AddHours(1), JournalTimeField.Time, Token));
        Assert.Equal(Sequence("p2-b") + 1, await journal.FindSequenceAsync(t.AddHours(6), JournalTimeField.Time, Token));
    }

    [Theory]
    [InlineData(JournalTimeField.Time)]
    [InlineData(JournalTimeField.Received)]
    public async Task FindSequenceAsync_NothingThatLate_ReturnsTheHeadPlusOne(JournalTimeField field)
    {
        await using var journal = await OpenAsync();
        var result = await journal.AppendAsync(Source, Page(Events(3), "c1"), Now, Token);

        var sequence = await journal.FindSequenceAsync(Now.AddYears(10), field, Token);

        Assert.Equal(result.LastSequence + 1, sequence);
    }

    [Fact]
    public async Task RequestPositionAsync_IsTakenOnceByTheDeliveryLoop()
    {
        await using var journal = await OpenAsync();
        await journal.SetPositionAsync("siem", 40, Token);

        await journal.RequestPositionAsync("siem", 12, Token);

        Assert.Equal(40, await journal.GetPositionAsync("siem", Token));
        Assert.Equal(12, await journal.TakeRequestedPositionAsync("siem", Token));
        Assert.Equal(12, await journal.GetPositionAsync("siem", Token));
        Assert.Null(await journal.TakeRequestedPositionAsync("siem", Token));
    }

    [Fact]
    public async Task TakeRequestedPositionAsync_AfterTheBatchInFlightSetItsPosition_StillReturnsTheRequest()
    {
        await using var journal = await OpenAsync();
        await journal.SetPositionAsync("siem", 40, Token);
        await journal.RequestPositionAsync("siem", 5, Token);

        await journal.SetPositionAsync("siem", 50, Token);

        Assert.Equal(5, await journal.TakeRequestedPositionAsync("siem", Token));
        Assert.Equal(5, await journal.GetPositionAsync("siem", Token));
    }

    [Fact]
    public async Task RequestPositionAsync_TwiceBeforeItIsTaken_TheLaterRequestWins()
    {
        await using var journal = await OpenAsync();

        await journal.RequestPositionAsync("new-sink", 5, Token);
        await journal.RequestPositionAsync("new-sink", 9, Token);

        Assert.Equal(0, await journal.GetPositionAsync("new-sink", Token));
        Assert.Equal(9, await journal.TakeRequestedPositionAsync("new-sink", Token));
    }

    [Fact]
    public async Task ReadAsync_WhileAPageIsAppended_ReadersSeeEveryEventOnceInOrder()
    {
        await using var journal = await OpenAsync();
        const int Pages = 20;
        const int PerPage = 50;
        var expected = new List<string>();

        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            var seen = new List<JournalEntry>();
            long position = 0;
            while (seen.Count < Pages * PerPage)
            {
                var batch = await journal.ReadAsync(position, 37, Token);
                seen.AddRange(batch);
                position = batch.Count > 0 ? batch[^1].Sequence : position;
                await Task.Yield();
            }

            return seen;
        }, Token)).ToArray();
        for (var page = 0; page < Pages; page++)
        {
            var events = Events(PerPage);
            expected.AddRange(events.Select(e => e.Id));
            await journal.AppendAsync(Source, Page(events, $"c{page}"), Now, Token);
        }

        foreach (var seen in await Task.WhenAll(readers))
        {
            Assert.Equal(expected, seen.Select(e => e.Event.Id));
            AssertIncreasing(seen);
        }
    }

    [Fact]
    public async Task AppendAsync_SeveralSourcesAtOnce_StoresEveryEventWithItsOwnSequence()
    {
        await using var journal = await OpenAsync();
        var sources = Enumerable.Range(0, 4).Select(i => $"source-{i}").ToArray();

        await Task.WhenAll(sources.Select(source => Task.Run(async () =>
        {
            for (var page = 0; page < 5; page++)
            {
                var events = Enumerable.Range(0, 20).Select(_ => JournalTestEvents.Event(source)).ToArray();
                await journal.AppendAsync(source, Page(events, $"{source}-{page}"), Now, Token);
            }
        }, Token)));

        var stored = await journal.ReadAsync(0, 1000, Token);
        Assert.Equal(4 * 5 * 20, stored.Count);
        AssertIncreasing(stored);
        foreach (var source in sources)
        {
            Assert.Equal($"{source}-4", (await journal.GetCheckpointAsync(source, Token))?.Position);
        }
    }

    [Fact]
    public async Task RecordSourcePollAsync_SuccessThenFailure_ReportsBothWithTheCheckpoint()
    {
        await using var journal = await OpenAsync();
        var status = StatusStore(journal);
        var newest = Some.Instant.AddMinutes(-3);
        await journal.AppendAsync(Source, new SourcePage([Event("a")], new Checkpoint("cursor-1", newest, []), HasMore: false), Now, Token);
        var success = Now;
        await status.RecordSourcePollAsync(Source, success, null, Token);
        Time.Advance(TimeSpan.FromMinutes(1));

        await status.RecordSourcePollAsync(Source, Now, "Dropbox answered 503 five times", Token);

        var source = Assert.Single(await status.GetSourceStatusAsync(Token));
        Assert.Equal(new SourceStatus(Source, "cursor-1", newest, Now, success, "Dropbox answered 503 five times", Now, success, 1, 0), source);
    }

    [Fact]
    public async Task RecordSourcePollAsync_SuccessAfterAFailure_KeepsTheLastError()
    {
        await using var journal = await OpenAsync();
        var status = StatusStore(journal);
        var failed = Now;
        await status.RecordSourcePollAsync(Source, failed, "timeout", Token);
        Time.Advance(TimeSpan.FromMinutes(1));

        await status.RecordSourcePollAsync(Source, Now, null, Token);

        var source = Assert.Single(await status.GetSourceStatusAsync(Token));
        Assert.Equal((Now, Now, "timeout", failed), (source.LastPoll, source.LastSuccess, source.LastError, source.LastErrorTime));
        Assert.Null(source.Position);
    }

    [Fact]
    public async Task GetSourceStatusAsync_EventsToday_CountsNewEventsSinceMidnightUtc()
    {
        Time.SetUtcNow(new DateTimeOffset(2024, 5, 3, 23, 0, 0, TimeSpan.Zero));
        await using var journal = await OpenAsync();
        var status = StatusStore(journal);
        await journal.AppendAsync(Source, Page(Events(3), "c1"), Now, Token);
        Time.Advance(TimeSpan.FromHours(2));
        var today = Events(4);
        await journal.AppendAsync(Source, Page(today, "c2"), Now, Token);
        await journal.AppendAsync(Source, Page([today[0], today[1], Event()], "c3"), Now, Token);

        var source = Assert.Single(await status.GetSourceStatusAsync(Token));

        Assert.Equal(4 + 1, source.EventsToday);
        Assert.Equal(Now, source.LastStored);
    }

    [Fact]
    public async Task GetSinkStatusAsync_PositionsRequestsAndDeliveries_AreReportedWithTheBacklog()
    {
        await using var journal = await OpenAsync();
        var status = StatusStore(journal);
        var result = await journal.AppendAsync(Source, Page(Events(10), "c1"), Now, Token);
        var first = result.LastSequence - 9;
        await journal.SetPositionAsync("siem", first + 3, Token);
        await status.RecordSinkDeliveryAsync("siem", Now, 4, null, Token);
        Time.Advance(TimeSpan.FromSeconds(30));
        await status.RecordSinkDeliveryAsync("archive", Now, 0, "connection refused by 10.0.0.5:6514", Token);
        await journal.RequestPositionAsync("replayed", first - 1, Token);

        var sinks = await status.GetSinkStatusAsync(Token);

        Assert.Equal(
            [
                new SinkStatus("archive", 0, null, 10, null, "connection refused by 10.0.0.5:6514", Now, 0),
                new SinkStatus("replayed", 0, first - 1, 10, null, null, null, 0),
                new SinkStatus("siem", first + 3, null, 6, Now.AddSeconds(-30), null, null, 4),
            ],
            sinks);
    }

    [Fact]
    public async Task RecordSinkDeliveryAsync_VeryLongError_IsCut()
    {
        await using var journal = await OpenAsync();
        var status = StatusStore(journal);

        await status.RecordSinkDeliveryAsync("siem", Now, 0, new string('e', 10_000), Token);

        var sink = Assert.Single(await status.GetSinkStatusAsync(Token));
        Assert.Equal(IJournalStatusStore.MaxErrorLength, sink.LastError?.Length);
    }

    [Fact]
    public async Task RecordSinkDeliveryAsync_RecordsSent_AddUpOverSuccessesAndFailures()
    {
        await using var journal = await OpenAsync();
        var status = StatusStore(journal);

        await status.RecordSinkDeliveryAsync("siem", Now, 500, null, Token);
        await status.RecordSinkDeliveryAsync("siem", Now, 0, "port unreachable", Token);
        await status.RecordSinkDeliveryAsync("siem", Now, 1_500, null, Token);

        var sink = Assert.Single(await status.GetSinkStatusAsync(Token));
        Assert.Equal(2_000, sink.Sent);
        Assert.Equal("port unreachable", sink.LastError);
    }

    protected DateTimeOffset Now => Time.GetUtcNow();

    protected static AuditEvent Event(string? id = null, DateTimeOffset? time = null) => JournalTestEvents.Event(Source, id, time);

    protected static AuditEvent[] Events(int count) => Enumerable.Range(0, count).Select(_ => Event()).ToArray();

    protected static SourcePage Page(IReadOnlyList<AuditEvent> events, string? position, IReadOnlyList<SeenEvent>? recent = null) =>
        JournalTestEvents.Page(events, position, recent);

    protected static void AssertIncreasing(IReadOnlyList<JournalEntry> entries)
    {
        for (var i = 1; i < entries.Count; i++)
        {
            Assert.True(entries[i].Sequence > entries[i - 1].Sequence, $"sequence {entries[i].Sequence} follows {entries[i - 1].Sequence}");
        }
    }

    protected static QuarantinedEvent Quarantined(string raw, string position) =>
        new("dropbox", position, "it has no valid 'timestamp'", System.Text.Encoding.UTF8.GetBytes(raw));

    protected static IJournalStatusStore StatusStore(IJournal journal) => Assert.IsAssignableFrom<IJournalStatusStore>(journal);

    private static AuditEvent WithReceived(AuditEvent auditEvent, DateTimeOffset received) => JournalTestEvents.WithReceived(auditEvent, received);
}
