using System.Text.Json;
using AuditBridge.Events;
using AuditBridge.Secrets;
using AuditBridge.Simulators.Dropbox;
using AuditBridge.Sources;
using AuditBridge.Sources.Dropbox;
using AuditBridge.Sources.Http;
using AuditBridge.TestKit.Time;
using Microsoft.Extensions.Logging.Abstractions;

namespace AuditBridge.Connectors.Tests.Sources.Dropbox;

/// <summary>The paging loop against the Dropbox simulator: a real HTTP server with the documented semantics and faults.</summary>
public sealed class DropboxSourceTests
{
    private const int EventCount = 2_300;
    private static readonly DateTimeOffset Now = new(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ReadAsync_FollowsHasMoreAcrossEmptyAndShortPages_AndReturnsEveryEventExactlyOnce()
    {
        await using var simulator = await StartAsync();
        using var source = Create(simulator, new DropboxQuery { Limit = 250 });

        var pages = await ReadAllAsync(source, null);

        Assert.Contains(pages, p => p.Events.Count == 0 && p.HasMore);
        Assert.Contains(pages, p => p.Events.Count is > 0 and < 250);
        AssertNoGapNoRepeat(ExpectedIds(simulator, new DropboxEventQuery()), pages.SelectMany(p => p.Events));
        Assert.False(pages[^1].HasMore);
    }

    [Fact]
    public async Task ReadAsync_KeepsTheApiOrderInsideAPage_WhichIsNotSortedByTime()
    {
        await using var simulator = await StartAsync();
        using var source = Create(simulator, new DropboxQuery { Limit = 100 });

        var pages = await ReadAllAsync(source, null);

        var firstFull = pages.First(p => p.Events.Count > 2);
        Assert.NotEqual(firstFull.Events.OrderBy(e => e.Time).Select(e => e.Id), firstFull.Events.Select(e => e.Id));
    }

    [Fact]
    public async Task ReadAsync_CheckpointsCarryTheNewestCursorAndAMonotonicNewestTime()
    {
        await using var simulator = await StartAsync();
        using var source = Create(simulator, new DropboxQuery { Limit = 300 });

        var pages = await ReadAllAsync(source, null);

        Assert.All(pages, p => Assert.False(string.IsNullOrEmpty(p.Checkpoint.Position)));
        Assert.Equal(pages.Count, pages.Select(p => p.Checkpoint.Position).Distinct().Count());
        var newest = pages.Select(p => p.Checkpoint.NewestEventTime).ToList();
        Assert.Equal(newest.Order(), newest);
        Assert.Equal(pages.SelectMany(p => p.Events).Max(e => e.Time), newest[^1]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    public async Task ReadAsync_WhenStoppedAfterNPagesAndResumed_MatchesAnUninterruptedRun(int pagesBeforeStop)
    {
        await using var simulator = await StartAsync();
        using var uninterrupted = Create(simulator, new DropboxQuery { Limit = 200 });
        var all = (await ReadAllAsync(uninterrupted, null)).SelectMany(p => p.Events).Select(e => e.Id).ToList();

        using var first = Create(simulator, new DropboxQuery { Limit = 200 });
        var before = await ReadAllAsync(first, null, stopAfterPages: pagesBeforeStop);
        await using var restarted = await StartAsync();
        using var second = Create(restarted, new DropboxQuery { Limit = 200 });
        var after = await ReadAllAsync(second, before[^1].Checkpoint);

        AssertNoGapNoRepeat(all, before.Concat(after).SelectMany(p => p.Events));
    }

    [Fact]
    public async Task ReadAsync_WhenTheCursorIsReset_RestartsFromTheResetTimeAndNeitherMissesNorRepeats()
    {
        await using var simulator = await StartAsync();
        using var source = Create(simulator, new DropboxQuery { Limit = 200 });
        var collected = new List<AuditEvent>();
        var pages = 0;

        await foreach (var page in source.ReadAsync(null, TestContext.Current.CancellationToken))
        {
            collected.AddRange(page.Events);
            if (++pages == 5)
            {
                simulator.Faults.Enqueue(DropboxFault.ResetCursor());
            }
        }

        AssertNoGapNoRepeat(ExpectedIds(simulator, new DropboxEventQuery()), collected);
        var restart = simulator.Requests.Where(r => r.Path.EndsWith("get_events", StringComparison.Ordinal)).Skip(1).Single();
        Assert.Contains("\"start_time\"", restart.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-30, "reset")]
    [InlineData(30, "newest")]
    public async Task ReadAsync_WhenTheCursorIsReset_RestartsAtTheEarlierOfDropboxsTimeAndTheNewestStoredEvent_MinusTheMargin(int resetMinutesFromNewest, string anchor)
    {
        // A saved checkpoint makes "the newest event the source knows" exact: its NewestEventTime.
        await using var simulator = await StartAsync();
        using var first = Create(simulator, new DropboxQuery { Limit = 200 });
        var before = await ReadAllAsync(first, null, stopAfterPages: 4);
        var checkpoint = before[^1].Checkpoint;
        var newest = checkpoint.NewestEventTime!.Value;
        var resetAt = newest.AddMinutes(resetMinutesFromNewest).AddMilliseconds(700);
        await using var restarted = await StartAsync();
        restarted.Faults.Enqueue(DropboxFault.ResetCursor(resetAt));
        using var second = Create(restarted, new DropboxQuery { Limit = 200 });

        var after = await ReadAllAsync(second, checkpoint);

        // Dropbox's reset time is approximate and events arrive late: the restart goes back a margin (1 h) before the
        // earlier of the two times, on a whole second, and nothing is missed.
        var expected = DropboxTimeText((anchor == "reset" ? DropboxSeconds(resetAt) : newest) - TimeSpan.FromHours(1));
        Assert.Equal(expected, RestartStartTime(restarted));
        var ids = before.Concat(after).SelectMany(p => p.Events).Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(ExpectedIds(simulator, new DropboxEventQuery()).ToHashSet(StringComparer.Ordinal), ids);
    }

    [Fact]
    public async Task ReadAsync_WhenTheCursorIsRejected_RestartsFromTheNewestKnownEventAndNeitherMissesNorRepeats()
    {
        await using var simulator = await StartAsync();
        using var source = Create(simulator, new DropboxQuery { Limit = 200 });
        var collected = new List<AuditEvent>();
        var pages = 0;

        await foreach (var page in source.ReadAsync(null, TestContext.Current.CancellationToken))
        {
            collected.AddRange(page.Events);
            if (++pages == 3)
            {
                simulator.Faults.Enqueue(DropboxFault.BadCursor());
            }
        }

        AssertNoGapNoRepeat(ExpectedIds(simulator, new DropboxEventQuery()), collected);
    }

    [Fact]
    public async Task ReadAsync_WhenASavedCursorIsRejectedInALaterRun_RecoversFromTheCheckpointWindow()
    {
        await using var simulator = await StartAsync();
        using var first = Create(simulator, new DropboxQuery { Limit = 200 });
        var before = await ReadAllAsync(first, null, stopAfterPages: 4);

        // A later run talks to a restarted simulator (cursors survive restarts): the first run's abandoned prefetch
        // cannot take the fault meant for the second run.
        await using var restarted = await StartAsync();
        restarted.Faults.Enqueue(DropboxFault.BadCursor());
        using var second = Create(restarted, new DropboxQuery { Limit = 200 });

        var after = await ReadAllAsync(second, before[^1].Checkpoint);

        AssertNoGapNoRepeat(ExpectedIds(simulator, new DropboxEventQuery()), before.Concat(after).SelectMany(p => p.Events));
        Assert.Contains(after, p => p.DuplicatesDropped > 0);
    }

    [Fact]
    public async Task ReadAsync_WhenACursorGivenByTheUserIsRejected_FailsAsInvalidCheckpoint()
    {
        await using var simulator = await StartAsync();
        simulator.Faults.Enqueue(DropboxFault.BadCursor());
        using var source = Create(simulator, new DropboxQuery(), initialCursor: "not-a-cursor");

        var failure = await Assert.ThrowsAsync<SourceException>(() => ReadAllAsync(source, null));

        Assert.Equal(SourceErrorKind.InvalidCheckpoint, failure.Kind);
        Assert.Contains("--start-time", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_WhenRateLimited_WaitsRetryAfterOnTheClockAndLosesNothing()
    {
        await using var simulator = await StartAsync();
        simulator.Faults.Enqueue(DropboxFault.RateLimited(30, RetryAfterIn.Header) with { Route = DropboxRoute.Continue });
        simulator.Faults.Enqueue(DropboxFault.RateLimited(12, RetryAfterIn.Body) with { Route = DropboxRoute.Continue });
        var time = new FakeTimeProvider(Now, autoAdvance: true);
        using var source = Create(simulator, new DropboxQuery { Limit = 500 }, time: time);

        var pages = await ReadAllAsync(source, null);

        AssertNoGapNoRepeat(ExpectedIds(simulator, new DropboxEventQuery()), pages.SelectMany(p => p.Events));
        Assert.Equal([TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(12)], time.Waits);
    }

    [Fact]
    public async Task ReadAsync_WhenRateLimitedBeyondTheMaximumWait_FailsAfterTheLastCompletePage()
    {
        await using var simulator = await StartAsync();
        using var source = Create(simulator, new DropboxQuery { Limit = 500 }, http: new VendorHttpOptions { MaxRateLimitWait = TimeSpan.FromMinutes(1) });
        var pages = new List<SourcePage>();

        // The first continue is the request for page 2 (sent while page 1 is handed out).
        simulator.Faults.Enqueue(DropboxFault.RateLimited(3600) with { Route = DropboxRoute.Continue });
        var failure = await Assert.ThrowsAsync<SourceException>(async () =>
        {
            await foreach (var page in source.ReadAsync(null, TestContext.Current.CancellationToken))
            {
                pages.Add(page);
            }
        });

        Assert.Equal(SourceErrorKind.RateLimited, failure.Kind);
        Assert.Single(pages);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task ReadAsync_WhenTheServerFailsOnce_RetriesWithBackoffAndLosesNothing(int status)
    {
        await using var simulator = await StartAsync();
        simulator.Faults.Enqueue(DropboxFault.ServerError(status) with { Route = DropboxRoute.Continue });
        var time = new FakeTimeProvider(Now, autoAdvance: true);
        using var source = Create(simulator, new DropboxQuery { Limit = 500 }, time: time);

        var pages = await ReadAllAsync(source, null);

        AssertNoGapNoRepeat(ExpectedIds(simulator, new DropboxEventQuery()), pages.SelectMany(p => p.Events));
        Assert.Single(time.Waits);
    }

    [Fact]
    public async Task ReadAsync_WhenABodyIsCutShortOnce_RetriesThePage()
    {
        await using var simulator = await StartAsync();
        simulator.Faults.Enqueue(DropboxFault.TruncatedBody() with { Route = DropboxRoute.Continue });
        using var source = Create(simulator, new DropboxQuery { Limit = 500 });

        var pages = await ReadAllAsync(source, null);

        AssertNoGapNoRepeat(ExpectedIds(simulator, new DropboxEventQuery()), pages.SelectMany(p => p.Events));
    }

    [Fact]
    public async Task ReadAsync_WhenBodiesStayBroken_FailsAsInvalidResponseWithNothingOfThatPage()
    {
        await using var simulator = await StartAsync();
        using var source = Create(simulator, new DropboxQuery { Limit = 500 }, http: new VendorHttpOptions { MaxAttempts = 3 });
        var pages = new List<SourcePage>();

        simulator.Faults.Enqueue(DropboxFault.NotJson() with { Route = DropboxRoute.Continue, Times = 3 });
        var failure = await Assert.ThrowsAsync<SourceException>(async () =>
        {
            await foreach (var page in source.ReadAsync(null, TestContext.Current.CancellationToken))
            {
                pages.Add(page);
            }
        });

        Assert.Equal(SourceErrorKind.InvalidResponse, failure.Kind);
        Assert.Single(pages);
    }

    [Fact]
    public async Task ReadAsync_WhenTheAccessTokenExpires_RefreshesItAndContinues()
    {
        await using var simulator = await StartAsync();
        var credentials = new DropboxCredentials
        {
            RefreshToken = new Secret("sim-refresh-token", "test"),
            AppKey = new Secret("sim-app-key", "test"),
            AppSecret = new Secret("sim-app-secret", "test"),
        };
        using var source = Create(simulator, new DropboxQuery { Limit = 500 }, credentials: credentials);
        var collected = new List<AuditEvent>();

        await foreach (var page in source.ReadAsync(null, TestContext.Current.CancellationToken))
        {
            collected.AddRange(page.Events);
            if (collected.Count < 600)
            {
                simulator.Faults.Enqueue(DropboxFault.ExpireAccessToken() with { Route = DropboxRoute.Continue });
            }
        }

        AssertNoGapNoRepeat(ExpectedIds(simulator, new DropboxEventQuery()), collected);
        Assert.True(simulator.Requests.Count(r => r.Path.EndsWith("oauth2/token", StringComparison.Ordinal)) >= 2);
    }

    [Fact]
    public async Task ReadAsync_WhenAFixedTokenIsRejected_FailsPermanentlyAsAuthentication()
    {
        await using var simulator = await StartAsync();
        using var source = Create(simulator, new DropboxQuery(), credentials: new DropboxCredentials { AccessToken = new Secret("wrong-token", "test") });

        var failure = await Assert.ThrowsAsync<SourceException>(() => ReadAllAsync(source, null));

        Assert.Equal(SourceErrorKind.Authentication, failure.Kind);
        Assert.False(failure.IsTransient);
        Assert.Contains("invalid_access_token", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-token", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(403, """{"error_summary":"team_access_denied/..","error":{".tag":"team_access_denied"}}""", SourceErrorKind.Permission)]
    [InlineData(400, "Error in call to API function \"team_log/get_events\": bad limit", SourceErrorKind.InvalidRequest)]
    [InlineData(409, """{"error_summary":"account_id_not_found/..","error":{".tag":"account_id_not_found"}}""", SourceErrorKind.InvalidRequest)]
    [InlineData(401, """{"error_summary":"missing_scope/..","error":{".tag":"missing_scope","required_scope":"events.read"}}""", SourceErrorKind.Authentication)]
    public async Task ReadAsync_WhenTheApiRefuses_FailsPermanentlyWithTheCause(int status, string body, SourceErrorKind kind)
    {
        await using var simulator = await StartAsync();
        simulator.Faults.Enqueue(DropboxFault.Status(status, body, body.StartsWith('{') ? "application/json" : "text/plain") with { Route = DropboxRoute.GetEvents });
        using var source = Create(simulator, new DropboxQuery());

        var failure = await Assert.ThrowsAsync<SourceException>(() => ReadAllAsync(source, null));

        Assert.Equal(kind, failure.Kind);
        Assert.False(failure.IsTransient);
    }

    [Fact]
    public async Task ReadAsync_WithACategoryAndATimeRange_ReturnsOnlyMatchingEvents()
    {
        await using var simulator = await StartAsync();
        var start = new DateTimeOffset(2024, 1, 1, 1, 0, 0, TimeSpan.Zero);
        var end = start.AddHours(3);
        using var source = Create(simulator, new DropboxQuery { Category = "sharing", StartTime = start, EndTime = end });

        var events = (await ReadAllAsync(source, null)).SelectMany(p => p.Events).ToList();

        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.Equal("sharing", e.Category));
        Assert.All(events, e => Assert.InRange(e.Time, start, end.AddTicks(-1)));
        AssertNoGapNoRepeat(ExpectedIds(simulator, new DropboxEventQuery { Category = "sharing", StartTime = start, EndTime = end }), events);
    }

    [Fact]
    public async Task ReadAsync_WhenEventsCannotBeMapped_QuarantinesEachWhereItWasAndReturnsEveryOtherEvent()
    {
        await using var simulator = await DropboxSimulator.StartAsync(
            new DropboxSimulatorOptions { EventCount = EventCount, Seed = 11, PoisonEvery = 97 },
            new FakeTimeProvider(Now),
            TestContext.Current.CancellationToken);
        using var source = Create(simulator, new DropboxQuery { Limit = 250 });

        var pages = await ReadAllAsync(source, null);

        var poison = simulator.Events.GetMatchingIndexes(new DropboxEventQuery()).Where(simulator.Events.IsPoison).ToList();
        Assert.Equal(EventCount / 97, poison.Count);
        var quarantined = pages.SelectMany(p => p.Quarantined).ToList();
        Assert.Equal(
            poison.Select(i => Convert.ToHexString(simulator.Events.GetEventJson(i).Span)).Order(StringComparer.Ordinal),
            quarantined.Select(q => Convert.ToHexString(q.Raw.Span)).Order(StringComparer.Ordinal));
        Assert.All(quarantined, q =>
        {
            Assert.Equal("dropbox", q.Vendor);
            Assert.Equal("it has no valid 'timestamp'", q.Error);
            Assert.Matches(@"^get_events(/continue with cursor \S+| from the beginning), entry \d+ of the page \(0-based\)$", q.Position);
        });
        AssertNoGapNoRepeat(ExpectedIds(simulator, new DropboxEventQuery()).Except(poison.Select(i => Id(simulator, i))), pages.SelectMany(p => p.Events));
    }

    [Fact]
    public void Create_WhenCategoryAndEventTypeAreBothGiven_RefusesBeforeCallingTheApi()
    {
        var options = Options(new Uri("http://127.0.0.1:9/"), new DropboxQuery { Category = "logins", EventType = "login_fail" });

        var failure = Assert.Throws<ArgumentException>(() => DropboxSourceFactory.Create(options, new HttpClient(), (_, _) => 5, TimeProvider.System, NullLoggerFactory.Instance, new SecretRedactor()));

        Assert.Contains("invalid_filters", failure.Message, StringComparison.Ordinal);
    }

    /// <summary>The <c>start_time</c> of the first <c>get_events</c> call: the restart after the reset.</summary>
    private static string RestartStartTime(DropboxSimulator simulator)
    {
        var restart = simulator.Requests.First(r => r.Path.EndsWith("get_events", StringComparison.Ordinal));
        using var body = JsonDocument.Parse(restart.Body);
        return body.RootElement.GetProperty("time").GetProperty("start_time").GetString()!;
    }

    // Dropbox's wire form of a time (whole seconds, Z), written here independently of the source's own helper.
    private static string DropboxTimeText(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    // Dropbox sends whole seconds; the simulator writes the reset time as Dropbox would.
    private static DateTimeOffset DropboxSeconds(DateTimeOffset time) => new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private static Task<DropboxSimulator> StartAsync() => DropboxSimulator.StartAsync(
        new DropboxSimulatorOptions { EventCount = EventCount, Seed = 11 },
        new FakeTimeProvider(Now),
        TestContext.Current.CancellationToken);

    private static DropboxSourceOptions Options(Uri url, DropboxQuery query, DropboxCredentials? credentials = null, string? initialCursor = null, VendorHttpOptions? http = null) => new()
    {
        ApiUrl = url,
        OAuthUrl = url,
        Credentials = credentials ?? new DropboxCredentials { AccessToken = new Secret("sim-access-token", "test") },
        Query = query,
        InitialCursor = initialCursor,
        Http = http ?? new VendorHttpOptions { MaxAttempts = 4 },
    };

    private static DisposableSource Create(
        DropboxSimulator simulator,
        DropboxQuery query,
        DropboxCredentials? credentials = null,
        string? initialCursor = null,
        TimeProvider? time = null,
        VendorHttpOptions? http = null)
    {
        var source = DropboxSourceFactory.Create(
            Options(simulator.BaseUrl, query, credentials, initialCursor, http),
            new HttpClient(),
            static (category, _) => category.Length % 11,
            time ?? new FakeTimeProvider(Now, autoAdvance: true),
            NullLoggerFactory.Instance,
            new SecretRedactor(),
            new Random(5));
        return new DisposableSource(source);
    }

    private static async Task<List<SourcePage>> ReadAllAsync(ISource source, Checkpoint? from, int stopAfterPages = int.MaxValue)
    {
        var pages = new List<SourcePage>();
        await foreach (var page in source.ReadAsync(from, TestContext.Current.CancellationToken))
        {
            pages.Add(page);
            if (pages.Count == stopAfterPages)
            {
                break;
            }
        }

        return pages;
    }

    /// <summary>Pages are not sorted inside, so compare as multisets: every expected id once, nothing else.</summary>
    private static void AssertNoGapNoRepeat(IEnumerable<string> expected, IEnumerable<AuditEvent> actual)
    {
        var ids = actual.Select(e => e.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(expected.Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
    }

    private static string Id(DropboxSimulator simulator, long index)
    {
        using var document = JsonDocument.Parse(simulator.Events.GetEventJson(index));
        return DropboxEventMapper.ContentId(document.RootElement);
    }

    private static List<string> ExpectedIds(DropboxSimulator simulator, DropboxEventQuery query)
    {
        var ids = new List<string>();
        foreach (var index in simulator.Events.GetMatchingIndexes(query))
        {
            using var document = JsonDocument.Parse(simulator.Events.GetEventJson(index));
            ids.Add(DropboxEventMapper.ContentId(document.RootElement));
        }

        return ids;
    }

    private sealed class DisposableSource(ISource inner) : ISource, IDisposable
    {
        public IAsyncEnumerable<SourcePage> ReadAsync(Checkpoint? resumeFrom, CancellationToken cancellationToken) => inner.ReadAsync(resumeFrom, cancellationToken);

        public void Dispose() => (inner as IDisposable)?.Dispose();
    }
}
