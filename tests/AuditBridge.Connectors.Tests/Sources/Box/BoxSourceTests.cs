using System.Globalization;
using System.Text;
using AuditBridge.Events;
using AuditBridge.Secrets;
using AuditBridge.Simulators;
using AuditBridge.Simulators.Box;
using AuditBridge.Sources;
using AuditBridge.Sources.Box;
using AuditBridge.Sources.Http;
using AuditBridge.TestKit.Logging;
using AuditBridge.TestKit.Time;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AuditBridge.Connectors.Tests.Sources.Box;

/// <summary>
/// The paging loop against the Box simulator: a real HTTP server with the documented semantics and faults. Pages are
/// prefetched (page N+1 is requested while page N is handed out), so faults are queued before reading, with Skip.
/// </summary>
public sealed class BoxSourceTests
{
    private const int EventCount = 2_300;
    private static readonly DateTimeOffset Now = new(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ReadAsync_AdminLogs_PagesUntilTheEmptyPage_AndReturnsEveryEventExactlyOnce()
    {
        await using var simulator = await StartAsync();
        using var source = Create(Options(simulator) with { Limit = 250 });

        var pages = await ReadAllAsync(source, null);

        Assert.Contains(pages, p => p.Events.Count is > 0 and < 250);
        Assert.All(pages[..^1], p => Assert.True(p.HasMore));
        Assert.Empty(pages[^1].Events);
        Assert.False(pages[^1].HasMore);
        AssertNoGapNoRepeat(ExpectedIds(simulator, new BoxEventQuery()), pages.SelectMany(p => p.Events));
    }

    [Theory]
    [InlineData(BoxStreamType.AdminLogs)]
    [InlineData(BoxStreamType.AdminLogsStreaming)]
    public async Task ReadAsync_WhenEventsCannotBeMapped_QuarantinesEachWhereItWasAndReturnsEveryOtherEvent(BoxStreamType stream)
    {
        await using var simulator = await StartAsync(new BoxSimulatorOptions { EventCount = EventCount, Seed = 11, PoisonEvery = 89 });
        using var source = Create(Options(simulator) with { Limit = 250, Stream = stream });

        var pages = await ReadAllAsync(source, null);

        var all = simulator.Events.GetMatchingIndexes(new BoxEventQuery()).ToList();
        var poison = all.Where(simulator.Events.IsPoison).ToList();
        Assert.Equal(EventCount / 89, poison.Count);
        var quarantined = pages.SelectMany(p => p.Quarantined).ToList();
        Assert.Equal(
            poison.Select(i => Convert.ToHexString(simulator.Events.GetEventJson(i).Span)).Order(StringComparer.Ordinal),
            quarantined.Select(q => Convert.ToHexString(q.Raw.Span)).Distinct().Order(StringComparer.Ordinal));
        Assert.All(quarantined, q =>
        {
            Assert.Equal("box", q.Vendor);
            Assert.Equal("it has no valid 'created_at' (RFC 3339 with an offset)", q.Error);
            Assert.Matches(@"^admin_logs(_streaming)? from (stream_position \d+|the beginning), entry \d+ of the page \(0-based\)$", q.Position);
        });
        AssertNoGapNoRepeat(all.Where(i => !simulator.Events.IsPoison(i)).Select(simulator.Events.GetEventId), pages.SelectMany(p => p.Events));
    }

    [Theory]
    [InlineData(StreamPositionFormat.JsonNumber)]
    [InlineData(StreamPositionFormat.JsonString)]
    [InlineData(StreamPositionFormat.Alternating)]
    public async Task ReadAsync_SendsEveryPositionAbove2Pow53BackExactlyAsBoxWroteIt(StreamPositionFormat format)
    {
        await using var simulator = await StartAsync(new BoxSimulatorOptions { EventCount = EventCount, Seed = 11, PositionFormat = format });
        using var source = Create(Options(simulator) with { Limit = 400 });

        var pages = await ReadAllAsync(source, null);

        var sent = PositionsSent(simulator);
        Assert.Equal(pages.Count, sent.Count);
        Assert.Null(sent[0]);
        Assert.Equal(pages.SkipLast(1).Select(p => p.Checkpoint.Position), sent.Skip(1));
        Assert.All(pages, p => Assert.True(ulong.Parse(p.Checkpoint.Position!, CultureInfo.InvariantCulture) > 1UL << 53, p.Checkpoint.Position));
    }

    [Fact]
    public async Task ReadAsync_CheckpointsCarryTheLastPositionAndAMonotonicNewestTime()
    {
        await using var simulator = await StartAsync();
        using var source = Create(Options(simulator) with { Limit = 300 });

        var pages = await ReadAllAsync(source, null);

        var newest = pages.Select(p => p.Checkpoint.NewestEventTime).ToList();
        Assert.Equal(newest.Order(), newest);
        Assert.Equal(pages.SelectMany(p => p.Events).Max(e => e.Time), newest[^1]);
        Assert.Equal(pages.SkipLast(1).Count(), pages.SkipLast(1).Select(p => p.Checkpoint.Position).Distinct().Count());
        Assert.All(pages, p => Assert.All(p.Checkpoint.Recent, seen => Assert.InRange(seen.Time, p.Checkpoint.NewestEventTime!.Value - TimeSpan.FromMinutes(70), p.Checkpoint.NewestEventTime!.Value)));
    }

    [Theory]
    [InlineData(BoxStreamType.AdminLogs, 1)]
    [InlineData(BoxStreamType.AdminLogs, 4)]
    [InlineData(BoxStreamType.AdminLogs, 7)]
    [InlineData(BoxStreamType.AdminLogsStreaming, 1)]
    [InlineData(BoxStreamType.AdminLogsStreaming, 5)]
    public async Task ReadAsync_WhenStoppedAfterNPagesAndResumedAfterASimulatorRestart_MatchesAnUninterruptedRun(BoxStreamType stream, int pagesBeforeStop)
    {
        await using var simulator = await StartAsync();
        using var uninterrupted = Create(Options(simulator) with { Stream = stream, Limit = 200 });
        var all = (await ReadAllAsync(uninterrupted, null)).SelectMany(p => p.Events).Select(e => e.Id).ToList();

        using var first = Create(Options(simulator) with { Stream = stream, Limit = 200 });
        var before = await ReadAllAsync(first, null, stopAfterPages: pagesBeforeStop);
        await using var restarted = await StartAsync();
        using var second = Create(Options(restarted) with { Stream = stream, Limit = 200 });
        var after = await ReadAllAsync(second, before[^1].Checkpoint);

        AssertNoGapNoRepeat(all, before.Concat(after).SelectMany(p => p.Events));
        Assert.Equal(before[^1].Checkpoint.Position, PositionsSent(restarted)[0]);
    }

    [Fact]
    public async Task ReadAsync_Streaming_DropsRepeatedAndAcceptsOutOfOrderEvents_EmittingEachOnce()
    {
        await using var simulator = await StartAsync();
        using var source = Create(Options(simulator) with { Stream = BoxStreamType.AdminLogsStreaming, Limit = 100 });

        var pages = await ReadAllAsync(source, null);

        Assert.True(pages.Sum(p => p.DuplicatesDropped) > 0, "the simulator repeats events on admin_logs_streaming");
        Assert.Contains(pages, p => !p.Events.Select(e => e.Time).SequenceEqual(p.Events.Select(e => e.Time).Order()));
        AssertNoGapNoRepeat(ExpectedIds(simulator, new BoxEventQuery { Streaming = true }), pages.SelectMany(p => p.Events));
    }

    [Fact]
    public async Task ReadAsync_Streaming_RepeatsOfEventsFromAnEarlierRun_AreDroppedThroughTheCheckpoint()
    {
        await using var simulator = await StartAsync();
        using var first = Create(Options(simulator) with { Stream = BoxStreamType.AdminLogsStreaming, Limit = 100 });
        var before = await ReadAllAsync(first, null, stopAfterPages: 6);
        using var second = Create(Options(simulator) with { Stream = BoxStreamType.AdminLogsStreaming, Limit = 100 });

        var after = await ReadAllAsync(second, before[^1].Checkpoint);

        var earlier = before.SelectMany(p => p.Events).Select(e => e.Id).ToHashSet();
        var repeatedFromFirstRun = after.Take(2).SelectMany(p => p.Events).Count(e => earlier.Contains(e.Id));
        Assert.Equal(0, repeatedFromFirstRun);
        Assert.True(after.Take(2).Sum(p => p.DuplicatesDropped) > 0, "the first pages after the boundary repeat events of the first run");
        AssertNoGapNoRepeat(ExpectedIds(simulator, new BoxEventQuery { Streaming = true }), before.Concat(after).SelectMany(p => p.Events));
    }

    [Fact]
    public async Task ReadAsync_Streaming_AnEmptyPagesPositionZero_NeverReplacesTheSavedPosition()
    {
        var clock = new FakeTimeProvider(Now.AddHours(-2));
        await using var simulator = await BoxSimulator.StartAsync(new BoxSimulatorOptions { FirstEventTime = Now.AddHours(-5), StreamingBlockSize = 1, Seed = 11 }, clock, TestContext.Current.CancellationToken);
        using var first = Create(Options(simulator) with { Stream = BoxStreamType.AdminLogsStreaming, Limit = 300 });
        var before = await ReadAllAsync(first, null);
        clock.Advance(TimeSpan.FromHours(1));
        using var second = Create(Options(simulator) with { Stream = BoxStreamType.AdminLogsStreaming, Limit = 300 });

        var after = await ReadAllAsync(second, before[^1].Checkpoint);

        Assert.Empty(before[^1].Events);
        Assert.Equal(before[^2].Checkpoint.Position, before[^1].Checkpoint.Position);
        Assert.NotEqual("0", before[^1].Checkpoint.Position);
        Assert.Equal(before[^1].Checkpoint.Position, PositionsSent(simulator)[before.Count]);
        Assert.Equal(360, after.Sum(p => p.Events.Count));
        AssertNoGapNoRepeat(ExpectedIds(simulator, new BoxEventQuery { Streaming = true }, clock.GetUtcNow()), before.Concat(after).SelectMany(p => p.Events));
    }

    [Fact]
    public async Task ReadAsync_AdminLogs_WhenBoxRefusesThePosition_RestartsFromTheNewestEventMinusTheMarginWithNoGapNoRepeat()
    {
        await using var simulator = await StartAsync();
        simulator.Faults.Enqueue(BoxFault.InvalidStreamPosition() with { Skip = 4 });
        using var logs = new CapturingLoggerProvider();
        using var source = Create(Options(simulator) with { Limit = 200 }, loggers: logs);

        var pages = await ReadAllAsync(source, null);

        AssertNoGapNoRepeat(ExpectedIds(simulator, new BoxEventQuery()), pages.SelectMany(p => p.Events));
        Assert.True(pages.Sum(p => p.DuplicatesDropped) > 0, "the overlap is read again and dropped");
        // Requests 1 to 4 carry a position and are skipped; request 5 is refused; request 6 restarts.
        var restart = QueryOf(simulator.Requests.Where(IsEvents).ElementAt(6));
        Assert.False(restart.ContainsKey("stream_position"));
        var newestBefore = pages.Take(5).SelectMany(p => p.Events).Max(e => e.Time);
        Assert.Equal((newestBefore - TimeSpan.FromHours(1)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), restart["created_after"]);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("Invalid stream position", StringComparison.Ordinal) && e.Message.Contains("created_after", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReadAsync_Streaming_WhenBoxRefusesThePosition_ReReadsFromZeroSkippingWhatWasWritten()
    {
        await using var simulator = await StartAsync();
        simulator.Faults.Enqueue(BoxFault.InvalidStreamPosition() with { Skip = 5 });
        using var logs = new CapturingLoggerProvider();
        using var source = Create(Options(simulator) with { Stream = BoxStreamType.AdminLogsStreaming, Limit = 200 }, loggers: logs);

        var pages = await ReadAllAsync(source, null);

        AssertNoGapNoRepeat(ExpectedIds(simulator, new BoxEventQuery { Streaming = true }), pages.SelectMany(p => p.Events));
        Assert.Equal("0", QueryOf(simulator.Requests.Where(IsEvents).ElementAt(7))["stream_position"]);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("position 0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReadAsync_WhenASavedPositionIsRefusedInALaterRun_RecoversFromTheCheckpointWindow()
    {
        // Each run reads to the end, so no prefetch of the first run is still on its way when the fault is queued.
        var clock = new FakeTimeProvider(Now.AddHours(-2));
        await using var simulator = await BoxSimulator.StartAsync(new BoxSimulatorOptions { FirstEventTime = Now.AddHours(-5), Seed = 11 }, clock, TestContext.Current.CancellationToken);
        using var first = Create(Options(simulator) with { Limit = 200 });
        var before = await ReadAllAsync(first, null);
        clock.Advance(TimeSpan.FromMinutes(30));
        simulator.Faults.Enqueue(BoxFault.InvalidStreamPosition());
        using var second = Create(Options(simulator) with { Limit = 200 });

        var after = await ReadAllAsync(second, before[^1].Checkpoint);

        AssertNoGapNoRepeat(ExpectedIds(simulator, new BoxEventQuery(), clock.GetUtcNow()), before.Concat(after).SelectMany(p => p.Events));
        Assert.Equal(180, after.Sum(p => p.Events.Count));
        Assert.True(after.Sum(p => p.DuplicatesDropped) >= 360, "the last hour before the refusal is read again and dropped");
    }

    [Fact]
    public async Task ReadAsync_WhenARefusedPositionHasNoEventTimeToRestartFrom_FailsAsInvalidCheckpoint()
    {
        await using var simulator = await StartAsync();
        var position = (await ReadAllAsync(Create(Options(simulator)), null))[^1].Checkpoint.Position;
        simulator.Faults.Enqueue(BoxFault.InvalidStreamPosition());
        using var source = Create(Options(simulator));

        var failure = await Assert.ThrowsAsync<SourceException>(() => ReadAllAsync(source, new Checkpoint(position, null, [])));

        Assert.Equal(SourceErrorKind.InvalidCheckpoint, failure.Kind);
        Assert.False(failure.IsTransient);
        Assert.Contains("no event time to restart from", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_WhenAPositionGivenByTheUserIsRefused_FailsAsInvalidCheckpointNamingTheOption()
    {
        await using var simulator = await StartAsync();
        using var source = Create(Options(simulator) with { InitialStreamPosition = "1152922976252290000" });

        var failure = await Assert.ThrowsAsync<SourceException>(() => ReadAllAsync(source, null));

        Assert.Equal(SourceErrorKind.InvalidCheckpoint, failure.Kind);
        Assert.Contains("--stream-position", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_WhenRateLimited_WaitsRetryAfterOnTheClockAndLosesNothing()
    {
        await using var simulator = await StartAsync();
        simulator.Faults.Enqueue(BoxFault.RateLimited(30) with { Skip = 1 });
        simulator.Faults.Enqueue(BoxFault.RateLimited(12) with { Skip = 1 });
        var time = new FakeTimeProvider(Now, autoAdvance: true);
        using var source = Create(Options(simulator), time: time);

        var pages = await ReadAllAsync(source, null);

        AssertNoGapNoRepeat(ExpectedIds(simulator, new BoxEventQuery()), pages.SelectMany(p => p.Events));
        Assert.Equal([TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(12)], time.Waits);
    }

    [Fact]
    public async Task ReadAsync_WhenRateLimitedBeyondTheMaximumWait_FailsAfterTheLastCompletePage()
    {
        await using var simulator = await StartAsync();
        using var source = Create(Options(simulator) with { Http = new VendorHttpOptions { MaxRateLimitWait = TimeSpan.FromMinutes(1) } });
        var pages = new List<SourcePage>();

        // The second events request is the one for page 2, sent while page 1 is handed out.
        simulator.Faults.Enqueue(BoxFault.RateLimited(3600) with { Skip = 1 });
        var failure = await Assert.ThrowsAsync<SourceException>(async () =>
        {
            await foreach (var page in source.ReadAsync(null, TestContext.Current.CancellationToken))
            {
                pages.Add(page);
            }
        });

        Assert.Equal(SourceErrorKind.RateLimited, failure.Kind);
        Assert.True(failure.IsTransient);
        Assert.Single(pages);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task ReadAsync_WhenTheServerFailsOnce_RetriesWithBackoffAndLosesNothing(int status)
    {
        await using var simulator = await StartAsync();
        simulator.Faults.Enqueue(BoxFault.ServerError(status) with { Skip = 1 });
        var time = new FakeTimeProvider(Now, autoAdvance: true);
        using var source = Create(Options(simulator), time: time);

        var pages = await ReadAllAsync(source, null);

        AssertNoGapNoRepeat(ExpectedIds(simulator, new BoxEventQuery()), pages.SelectMany(p => p.Events));
        Assert.Single(time.Waits);
    }

    [Fact]
    public async Task ReadAsync_WhenABodyIsCutShortOnce_RetriesThePage()
    {
        await using var simulator = await StartAsync();
        simulator.Faults.Enqueue(BoxFault.TruncatedBody() with { Skip = 2 });
        using var source = Create(Options(simulator));

        var pages = await ReadAllAsync(source, null);

        AssertNoGapNoRepeat(ExpectedIds(simulator, new BoxEventQuery()), pages.SelectMany(p => p.Events));
        Assert.Equal(pages.Count + 1, simulator.Requests.Count(IsEvents));
    }

    [Fact]
    public async Task ReadAsync_WhenBodiesStayBroken_FailsAsInvalidResponseWithNothingOfThatPage()
    {
        await using var simulator = await StartAsync();
        using var source = Create(Options(simulator) with { Http = new VendorHttpOptions { MaxAttempts = 3 } });
        var pages = new List<SourcePage>();

        simulator.Faults.Enqueue(BoxFault.NotJson() with { Skip = 1, Times = 3 });
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
    public async Task ReadAsync_WithClientCredentials_GetsATokenFirstAndUsesItForEveryPage()
    {
        await using var simulator = await StartAsync();
        using var source = Create(Options(simulator) with { Credentials = ClientCredentials("sim-client-secret") });

        var pages = await ReadAllAsync(source, null);

        AssertNoGapNoRepeat(ExpectedIds(simulator, new BoxEventQuery()), pages.SelectMany(p => p.Events));
        var requests = simulator.Requests;
        Assert.Equal("/oauth2/token", requests[0].Path);
        var form = QueryHelpers.ParseQuery(requests[0].Body);
        Assert.Equal("client_credentials", form["grant_type"]);
        Assert.Equal("9348812", form["box_subject_id"]);
        Assert.Single(requests, IsToken);
        Assert.All(requests.Where(IsEvents), r => Assert.StartsWith("Bearer box.sim.", r.Authorization, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReadAsync_WhenTheTokenIsAboutToExpire_AsksForANewOneBeforeBoxRefusesIt()
    {
        var clock = new FakeTimeProvider(Now);
        await using var simulator = await BoxSimulator.StartAsync(new BoxSimulatorOptions { EventCount = EventCount, Seed = 11, AccessTokenLifetime = TimeSpan.FromMinutes(10) }, clock, TestContext.Current.CancellationToken);
        using var source = Create(Options(simulator) with { Credentials = ClientCredentials("sim-client-secret"), Limit = 250 }, time: clock);
        var pages = new List<SourcePage>();

        await foreach (var page in source.ReadAsync(null, TestContext.Current.CancellationToken))
        {
            pages.Add(page);
            if (pages.Count == 2)
            {
                // Past the renewal point (2 minutes before expiry) but before Box would refuse the token.
                clock.Advance(TimeSpan.FromMinutes(9));
            }
        }

        AssertNoGapNoRepeat(ExpectedIds(simulator, new BoxEventQuery()), pages.SelectMany(p => p.Events));
        Assert.Equal(2, simulator.Requests.Count(IsToken));
        Assert.Equal(pages.Count, simulator.Requests.Count(IsEvents));
    }

    [Fact]
    public async Task ReadAsync_WhenBoxRejectsTheToken_AsksForANewOneOnceAndContinues()
    {
        await using var simulator = await StartAsync();
        simulator.Faults.Enqueue(BoxFault.ExpireAccessToken() with { Route = BoxRoute.Events, Skip = 2 });
        using var logs = new CapturingLoggerProvider();
        using var source = Create(Options(simulator) with { Credentials = ClientCredentials("sim-client-secret") }, loggers: logs);

        var pages = await ReadAllAsync(source, null);

        AssertNoGapNoRepeat(ExpectedIds(simulator, new BoxEventQuery()), pages.SelectMany(p => p.Events));
        Assert.Equal(2, simulator.Requests.Count(IsToken));
        Assert.Equal(pages.Count + 1, simulator.Requests.Count(IsEvents));
        Assert.Contains(logs.Entries, e => e.Message.Contains("401", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReadAsync_WithAWrongClientSecret_FailsPermanentlyAsAuthenticationWithoutTheSecret()
    {
        await using var simulator = await StartAsync();
        using var source = Create(Options(simulator) with { Credentials = ClientCredentials("wrong-client-secret") });

        var failure = await Assert.ThrowsAsync<SourceException>(() => ReadAllAsync(source, null));

        Assert.Equal(SourceErrorKind.Authentication, failure.Kind);
        Assert.False(failure.IsTransient);
        Assert.Contains("invalid_client", failure.Message, StringComparison.Ordinal);
        Assert.Contains("env BOX_CLIENT_SECRET", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-client-secret", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_WithAJwtApp_TheSimulatorAcceptsTheSignedAssertion()
    {
        var app = BoxJwtApp.Create();
        var simulatorOptions = new BoxSimulatorOptions { EventCount = EventCount, Seed = 11, JwtPublicKey = app.PublicKeyPem, JwtPublicKeyId = app.PublicKeyId };
        await using var simulator = await BoxSimulator.StartAsync(simulatorOptions, new FakeTimeProvider(Now), TestContext.Current.CancellationToken);
        var settings = BoxAppConfig.Parse(Encoding.UTF8.GetBytes(app.ConfigJson(simulatorOptions)), "config.json", null);
        using var source = Create(Options(simulator) with { Credentials = BoxCredentials.FromJwt(settings) });

        var pages = await ReadAllAsync(source, null);

        AssertNoGapNoRepeat(ExpectedIds(simulator, new BoxEventQuery()), pages.SelectMany(p => p.Events));
        Assert.Equal("urn:ietf:params:oauth:grant-type:jwt-bearer", QueryHelpers.ParseQuery(simulator.Requests.Single(IsToken).Body)["grant_type"]);
    }

    [Fact]
    public async Task ReadAsync_WithAJwtSignedByAKeyBoxDoesNotHold_FailsPermanentlyAsAuthentication()
    {
        var registered = BoxJwtApp.Create();
        var other = BoxJwtApp.Create();
        var simulatorOptions = new BoxSimulatorOptions { EventCount = 10, JwtPublicKey = registered.PublicKeyPem, JwtPublicKeyId = registered.PublicKeyId };
        await using var simulator = await BoxSimulator.StartAsync(simulatorOptions, new FakeTimeProvider(Now), TestContext.Current.CancellationToken);
        var settings = BoxAppConfig.Parse(Encoding.UTF8.GetBytes(other.ConfigJson(simulatorOptions)), "/etc/box/config.json", null);
        using var source = Create(Options(simulator) with { Credentials = BoxCredentials.FromJwt(settings) });

        var failure = await Assert.ThrowsAsync<SourceException>(() => ReadAllAsync(source, null));

        Assert.Equal(SourceErrorKind.Authentication, failure.Kind);
        Assert.False(failure.IsTransient);
        Assert.Contains("Signature verification error", failure.Message, StringComparison.Ordinal);
        Assert.Contains("/etc/box/config.json", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_WithAWrongDeveloperToken_FailsPermanentlyNamingItsOriginWithoutTheToken()
    {
        await using var simulator = await StartAsync();
        using var source = Create(Options(simulator) with { Credentials = BoxCredentials.FromDeveloperToken(new Secret("expired-developer-token", "env BOX_DEVELOPER_TOKEN")) });

        var failure = await Assert.ThrowsAsync<SourceException>(() => ReadAllAsync(source, null));

        Assert.Equal(SourceErrorKind.Authentication, failure.Kind);
        Assert.False(failure.IsTransient);
        Assert.Contains("env BOX_DEVELOPER_TOKEN", failure.Message, StringComparison.Ordinal);
        Assert.Contains("60 minutes", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("expired-developer-token", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(403, """{"type":"error","status":403,"code":"access_denied_insufficient_permissions","message":"Access denied - insufficient permission"}""", SourceErrorKind.Permission)]
    [InlineData(400, """{"type":"error","status":400,"code":"bad_request","message":"Bad Request"}""", SourceErrorKind.InvalidRequest)]
    [InlineData(404, """{"type":"error","status":404,"code":"not_found","message":"Not Found"}""", SourceErrorKind.InvalidRequest)]
    public async Task ReadAsync_WhenTheApiRefuses_FailsPermanentlyWithTheCause(int status, string body, SourceErrorKind kind)
    {
        await using var simulator = await StartAsync();
        simulator.Faults.Enqueue(BoxFault.Status(status, body, "application/json"));
        using var source = Create(Options(simulator));

        var failure = await Assert.ThrowsAsync<SourceException>(() => ReadAllAsync(source, null));

        Assert.Equal(kind, failure.Kind);
        Assert.False(failure.IsTransient);
        Assert.Contains(BoxErrorCode(body), failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_WhenAnErrorBodyEchoesTheToken_TheMessageHidesIt()
    {
        await using var simulator = await StartAsync();
        simulator.Faults.Enqueue(BoxFault.Status(400, """{"type":"error","status":400,"code":"bad_request","message":"token sim-developer-token is not allowed here"}""", "application/json"));
        using var source = Create(Options(simulator));

        var failure = await Assert.ThrowsAsync<SourceException>(() => ReadAllAsync(source, null));

        Assert.DoesNotContain("sim-developer-token", failure.Message, StringComparison.Ordinal);
        Assert.Contains("token *** is not allowed", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_WithEventTypesAndATimeWindow_ReturnsOnlyMatchingEvents()
    {
        await using var simulator = await StartAsync();
        var after = new DateTimeOffset(2024, 1, 1, 1, 0, 0, TimeSpan.Zero);
        var before = after.AddHours(3);
        string[] types = ["LOGIN", "FAILED_LOGIN", "DOWNLOAD", "SHIELD_ALERT"];
        using var source = Create(Options(simulator) with { EventTypes = types, CreatedAfter = after, CreatedBefore = before, Limit = 5 });

        var events = (await ReadAllAsync(source, null)).SelectMany(p => p.Events).ToList();

        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.Contains(e.Action, types));
        Assert.All(events, e => Assert.InRange(e.Time, after, before.AddTicks(-1)));
        AssertNoGapNoRepeat(ExpectedIds(simulator, new BoxEventQuery { EventTypes = types, CreatedAfter = after, CreatedBefore = before }), events);
        Assert.All(simulator.Requests.Where(IsEvents), r => Assert.Equal("LOGIN,FAILED_LOGIN,DOWNLOAD,SHIELD_ALERT", QueryOf(r)["event_type"]));
    }

    [Fact]
    public async Task ReadAsync_WhenTheCallerStopsWhileAPrefetchHangs_EndsPromptly()
    {
        await using var simulator = await StartAsync();
        simulator.Faults.Enqueue(BoxFault.Hang() with { Skip = 1 });
        using var source = Create(Options(simulator));

        var reading = ReadFirstPageOnceThePrefetchHangsAsync(source, simulator);
        var page = await reading.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        Assert.NotEmpty(page.Events);
        Assert.Equal(2, simulator.Requests.Count(IsEvents));
    }

    [Fact]
    public void Create_WithATimeWindowOnTheStreamingStream_RefusesBeforeCallingTheApi()
    {
        var options = new BoxSourceOptions
        {
            ApiUrl = new Uri("http://127.0.0.1:9/"),
            Credentials = BoxCredentials.FromDeveloperToken(new Secret("sim-developer-token", "test")),
            Stream = BoxStreamType.AdminLogsStreaming,
            CreatedAfter = Now,
        };

        var failure = Assert.Throws<ArgumentException>(() => BoxSourceFactory.Create(options, new HttpClient(), (_, _) => 5, TimeProvider.System, NullLoggerFactory.Instance, new SecretRedactor()));

        Assert.Contains("admin_logs_streaming", failure.Message, StringComparison.Ordinal);
    }

    private static Task<BoxSimulator> StartAsync(BoxSimulatorOptions? options = null) => BoxSimulator.StartAsync(
        options ?? new BoxSimulatorOptions { EventCount = EventCount, Seed = 11 },
        new FakeTimeProvider(Now),
        TestContext.Current.CancellationToken);

    private static BoxSourceOptions Options(BoxSimulator simulator) => new()
    {
        ApiUrl = simulator.BaseUrl,
        OAuthUrl = simulator.BaseUrl,
        Credentials = BoxCredentials.FromDeveloperToken(new Secret("sim-developer-token", "env BOX_DEVELOPER_TOKEN")),
        Http = new VendorHttpOptions { MaxAttempts = 4 },
    };

    private static BoxCredentials ClientCredentials(string secret) => BoxCredentials.ClientCredentials(
        new Secret("sim-client-id", "env BOX_CLIENT_ID"),
        new Secret(secret, "env BOX_CLIENT_SECRET"),
        Secret.Identifier("9348812", "env BOX_ENTERPRISE_ID"));

    private static DisposableSource Create(BoxSourceOptions options, TimeProvider? time = null, ILoggerProvider? loggers = null)
    {
        var factory = loggers is null ? NullLoggerFactory.Instance : LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(loggers));
        var source = BoxSourceFactory.Create(
            options,
            new HttpClient(),
            static (category, _) => category.Length % 11,
            time ?? new FakeTimeProvider(Now, autoAdvance: true),
            factory,
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

    /// <summary>Takes the first page, waits (real time: socket I/O) until the prefetch of page 2 reached the server, then stops.</summary>
    private static async Task<SourcePage> ReadFirstPageOnceThePrefetchHangsAsync(ISource source, BoxSimulator simulator)
    {
        await foreach (var page in source.ReadAsync(null, TestContext.Current.CancellationToken))
        {
            for (var tries = 0; simulator.Requests.Count(IsEvents) < 2 && tries < 1_000; tries++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System, TestContext.Current.CancellationToken);
            }

            return page;
        }

        throw new InvalidOperationException("no page");
    }

    /// <summary>admin_logs_streaming does not order events, so compare as multisets: every expected id once, nothing else.</summary>
    private static void AssertNoGapNoRepeat(IEnumerable<string> expected, IEnumerable<AuditEvent> actual)
    {
        var ids = actual.Select(e => e.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(expected.Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
    }

    private static List<string> ExpectedIds(BoxSimulator simulator, BoxEventQuery query, DateTimeOffset? now = null) =>
        [.. simulator.Events.GetMatchingIndexes(query, now).Select(simulator.Events.GetEventId)];

    private static bool IsEvents(RecordedRequest request) => request.Path == "/2.0/events";

    private static bool IsToken(RecordedRequest request) => request.Path == "/oauth2/token";

    private static Dictionary<string, string> QueryOf(RecordedRequest request) =>
        QueryHelpers.ParseQuery(request.QueryString).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);

    /// <summary>The stream_position of every events request, in order, exactly as sent (null when none was).</summary>
    private static List<string?> PositionsSent(BoxSimulator simulator) =>
        [.. simulator.Requests.Where(IsEvents).Select(r => QueryOf(r).TryGetValue("stream_position", out var p) ? p : null)];

    private static string BoxErrorCode(string body) => System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("code").GetString()!;

    private sealed class DisposableSource(ISource inner) : ISource, IDisposable
    {
        public IAsyncEnumerable<SourcePage> ReadAsync(Checkpoint? resumeFrom, CancellationToken cancellationToken) => inner.ReadAsync(resumeFrom, cancellationToken);

        public void Dispose() => (inner as IDisposable)?.Dispose();
    }
}
