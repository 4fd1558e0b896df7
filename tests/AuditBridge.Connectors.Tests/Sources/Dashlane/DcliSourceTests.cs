using AuditBridge.Fakes.Dcli;
using AuditBridge.Secrets;
using AuditBridge.Sources;
using AuditBridge.Sources.Dashlane;
using AuditBridge.TestKit;
using AuditBridge.TestKit.Dashlane;
using AuditBridge.TestKit.Secrets;
using AuditBridge.TestKit.Time;

namespace AuditBridge.Connectors.Tests.Sources.Dashlane;

/// <summary>dcli mode against the fake dcli: a real child process, real pipes, the CLI's output and failure shapes.</summary>
public sealed class DcliSourceTests : IDisposable
{
    // The fake's default history: 200 logs from 2024-05-01T00:00Z, one every 15 minutes (about two days).
    private static readonly DateTimeOffset Origin = new(2024, 5, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = new(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);

    // dcli prints newest first: a window reaching the end of the history makes its first lines count.
    private static readonly DateTimeOffset WholeHistoryEnd = Origin.AddHours(51);

    private readonly TempDirectory _directory = TempDirectory.ForCaller();
    private readonly FakeTimeProvider _time = new(Now);

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task ReadAsync_OneWindow_ReturnsEveryLogOfTheWindowExactlyOnce()
    {
        var fake = FakeDcli.Create(_directory);
        var (start, end) = (Origin.AddHours(6), Origin.AddHours(40));
        var source = Create(fake, start, end);

        var pages = await DashlaneTestSources.ReadAllAsync(source);

        DashlaneTestSources.AssertNoGapNoRepeat(fake.Between(start, end).Select(e => e.Uuid), pages.SelectMany(p => p.Events));
        Assert.True(fake.Printed(start.ToUnixTimeMilliseconds(), end.ToUnixTimeMilliseconds()).Count > fake.Between(start, end).Count);
    }

    [Fact]
    public async Task ReadAsync_PassesTheWindowExplicitlyAsEpochMilliseconds()
    {
        var fake = FakeDcli.Create(_directory);
        var source = Create(fake, Origin.AddHours(6), Origin.AddHours(40));

        await DashlaneTestSources.ReadAllAsync(source);

        var run = Assert.Single(fake.Invocations());
        Assert.Equal(["team", "logs", "--start", "1714543200000", "--end", "1714665600000"], run.Args);
    }

    [Fact]
    public async Task ReadAsync_WithoutAnEnd_EndsAtNowMinusTheLagOfTheSourceClock()
    {
        var fake = FakeDcli.Create(_directory);
        var options = Options(fake, Origin, end: null) with { Lag = TimeSpan.FromMinutes(10) };

        await DashlaneTestSources.ReadAllAsync(DashlaneTestSources.Create(options, _time));

        Assert.Equal((Now - TimeSpan.FromMinutes(10)).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(fake.Invocations()).Args[5]);
    }

    [Fact]
    public async Task ReadAsync_KeysInTheEnvironment_ReachDcliUnchanged()
    {
        var fake = FakeDcli.Create(_directory);

        await DashlaneTestSources.ReadAllAsync(Create(fake, Origin, Origin.AddHours(3)));

        var run = Assert.Single(fake.Invocations());
        Assert.True(run.KeysMatch);
        Assert.Contains(FakeDcliKeys.EnvironmentVariable, run.DashlaneVariables);
    }

    [Fact]
    public async Task ReadAsync_SecondRunOverALaterWindow_ReReadsTheOverlapAndEmitsOnlyNewLogs()
    {
        var fake = FakeDcli.Create(_directory);
        var start = Origin.AddHours(2);
        var firstEnd = Origin.AddHours(20);
        var secondEnd = Origin.AddHours(45);
        var first = await DashlaneTestSources.ReadAllAsync(Create(fake, start, firstEnd));

        var second = await DashlaneTestSources.ReadAllAsync(Create(fake, start, secondEnd), first[^1].Checkpoint);

        DashlaneTestSources.AssertNoGapNoRepeat(fake.Between(start, secondEnd).Select(e => e.Uuid), first.Concat(second).SelectMany(p => p.Events));
        var newest = first.SelectMany(p => p.Events).Max(e => e.Time);
        Assert.Equal((newest - TimeSpan.FromDays(1) < start ? start : newest - TimeSpan.FromDays(1)).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), fake.Invocations()[1].Args[3]);
        Assert.True(second.Sum(p => p.DuplicatesDropped) > 0);
    }

    [Fact]
    public async Task ReadAsync_Checkpoint_OnlyTheLastPageMovesTheWindowToTheNewestDateTime()
    {
        var fake = FakeDcli.Create(_directory);
        var source = Create(fake, Origin, Origin.AddHours(30), pageSize: 25);

        var pages = await DashlaneTestSources.ReadAllAsync(source);

        Assert.True(pages.Count > 2);
        Assert.All(pages[..^1], p => Assert.Null(p.Checkpoint.Position));
        Assert.All(pages[..^1], p => Assert.True(p.HasMore));
        var newest = pages.SelectMany(p => p.Events).Max(e => e.Time);
        Assert.Equal(newest.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), pages[^1].Checkpoint.Position);
        Assert.Equal(newest, pages[^1].Checkpoint.NewestEventTime);
        Assert.False(pages[^1].HasMore);
    }

    [Fact]
    public async Task ReadAsync_StoppedAfterAnIntermediatePage_ResumesTheSameWindowWithoutRepeatingWhatWasHandedOut()
    {
        var fake = FakeDcli.Create(_directory);
        var (start, end) = (Origin, Origin.AddHours(30));
        var handedOut = new List<AuditBridge.Events.AuditEvent>();
        Checkpoint? saved = null;
        await foreach (var page in Create(fake, start, end, pageSize: 25).ReadAsync(null, TestContext.Current.CancellationToken))
        {
            handedOut.AddRange(page.Events);
            saved = page.Checkpoint;
            if (handedOut.Count >= 50)
            {
                break;
            }
        }

        var resumed = await DashlaneTestSources.ReadAllAsync(Create(fake, start, end, pageSize: 25), saved);

        DashlaneTestSources.AssertNoGapNoRepeat(fake.Between(start, end).Select(e => e.Uuid), handedOut.Concat(resumed.SelectMany(p => p.Events)));
    }

    [Fact]
    public async Task ReadAsync_EventsArriveWhileDcliIsStillRunning()
    {
        var fake = FakeDcli.Create(_directory, new FakeDcliConfig { PauseAfterLines = 20 });
        var source = Create(fake, Origin, WholeHistoryEnd);
        await using var pages = source.ReadAsync(null, TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken);

        Assert.True(await pages.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        var beforeRelease = pages.Current.Events.Count;
        var releasedBefore = File.Exists(fake.ReleaseFilePath);
        fake.Release();
        var rest = 0;
        while (await pages.MoveNextAsync())
        {
            rest += pages.Current.Events.Count;
        }

        Assert.False(releasedBefore);
        Assert.InRange(beforeRelease, 1, 20);
        Assert.Equal(fake.Between(Origin, WholeHistoryEnd).Count, beforeRelease + rest);
    }

    [Fact]
    public async Task ReadAsync_WhenDcliFailsMidStream_ThrowsWithItsStderrRedactedAndTheWindowDoesNotMove()
    {
        var fake = FakeDcli.Create(_directory, new FakeDcliConfig { Failure = "server_rejected_keys", FailAfterLines = 40 });
        var resumeFrom = new Checkpoint("1714550000000", DateTimeOffset.FromUnixTimeMilliseconds(1714550000000), []);
        var source = Create(fake, Origin, WholeHistoryEnd, pageSize: 10);

        var (pages, failure) = await DashlaneTestSources.ReadUntilFailureAsync(source, resumeFrom);

        Assert.NotEmpty(pages);
        Assert.All(pages, p => Assert.Equal(resumeFrom.Position, p.Checkpoint.Position));
        Assert.All(pages, p => Assert.Equal(resumeFrom.NewestEventTime, p.Checkpoint.NewestEventTime));
        Assert.Equal(SourceErrorKind.Authentication, failure.Kind);
        Assert.False(failure.IsTransient);
        Assert.Contains("exited with code 1", failure.Message, StringComparison.Ordinal);
        Assert.Contains("invalid_authentication", failure.Message, StringComparison.Ordinal);
        Assert.Contains("***", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(fake.Keys, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(fake.Keys.Split('-')[0], failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_WhenTheKeysAreMissing_FailsPermanentlyAsAuthenticationNamingTheVariable()
    {
        var fake = FakeDcli.Create(_directory);
        var options = Options(fake, Origin, Origin.AddHours(3)) with
        {
            Environment = new Dictionary<string, string> { [FakeDcliConfig.EnvironmentVariable] = fake.Environment[FakeDcliConfig.EnvironmentVariable] },
        };

        var (pages, failure) = await DashlaneTestSources.ReadUntilFailureAsync(DashlaneTestSources.Create(options, _time));

        Assert.Empty(pages);
        Assert.Equal(SourceErrorKind.Authentication, failure.Kind);
        Assert.False(failure.IsTransient);
        Assert.Contains("DASHLANE_ENROLLED_TEAM_DEVICE_KEYS", failure.Message, StringComparison.Ordinal);
        Assert.Contains("\"error: Could not find enrolled team device credentials\"", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_WhenTheKeysAreMalformed_FailsPermanentlyWithoutPrintingThem()
    {
        var fake = FakeDcli.Create(_directory);
        var malformed = "DASH_EDWSA_not-the-right-shape-at-all";
        var redactor = new SecretRedactor();
        var options = Options(fake, Origin, Origin.AddHours(3)) with
        {
            Environment = new Dictionary<string, string>(fake.Environment) { [FakeDcliKeys.EnvironmentVariable] = malformed },
        };

        var (_, failure) = await DashlaneTestSources.ReadUntilFailureAsync(DashlaneTestSources.Create(options, _time, redactor));

        Assert.Equal(SourceErrorKind.Authentication, failure.Kind);
        Assert.Contains("wrong format", failure.Message, StringComparison.Ordinal);
        Assert.Equal("***", redactor.Redact(malformed));
    }

    [Fact]
    public async Task ReadAsync_WhenDcliExitsZeroButReportsAnError_FailsTransientlyAndTheCheckpointDoesNotMove()
    {
        var fake = FakeDcli.Create(_directory, new FakeDcliConfig { Failure = "maintenance" });

        var (pages, failure) = await DashlaneTestSources.ReadUntilFailureAsync(Create(fake, Origin, Origin.AddHours(3)));

        Assert.Empty(pages);
        Assert.Equal(SourceErrorKind.Unavailable, failure.Kind);
        Assert.True(failure.IsTransient);
        Assert.Contains("exited with code 0 but reported an error", failure.Message, StringComparison.Ordinal);
        Assert.Contains("maintenance", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_WhenTheQueryFails_IsTransient()
    {
        var fake = FakeDcli.Create(_directory, new FakeDcliConfig { Failure = "query_failed" });

        var (_, failure) = await DashlaneTestSources.ReadUntilFailureAsync(Create(fake, Origin, Origin.AddHours(3)));

        Assert.Equal(SourceErrorKind.Unavailable, failure.Kind);
        Assert.True(failure.IsTransient);
        Assert.Contains("Query execution did not succeed: FAILED", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("query_failed")]
    [InlineData("network")]
    [InlineData("server_rejected_keys")]
    [InlineData("maintenance")]
    public async Task ReadAsync_WhenEveryErrorOfDcliEchoesTheKeysAndABell_TheMessageHoldsNoPieceOfThemAndNoControlCode(string failureMode)
    {
        var fake = FakeDcli.Create(_directory, new FakeDcliConfig { Failure = failureMode, EchoKeys = true });

        var (_, failure) = await DashlaneTestSources.ReadUntilFailureAsync(Create(fake, Origin, Origin.AddHours(3)));

        SecretLeaks.AssertNone(new Dictionary<string, string> { ["the device keys"] = fake.Keys }, failure.Message, failureMode);
        Assert.DoesNotContain('\u0007', failure.Message);
        Assert.Contains("\\x07", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_WhenDcliHangs_KillsItAtTheTimeoutAndFailsTransiently()
    {
        var fake = FakeDcli.Create(_directory, new FakeDcliConfig { HangAfterLines = 5 });
        var options = Options(fake, Origin, WholeHistoryEnd) with { Timeout = TimeSpan.FromMilliseconds(1500) };
        var started = System.Diagnostics.Stopwatch.StartNew();

        var (pages, failure) = await DashlaneTestSources.ReadUntilFailureAsync(DashlaneTestSources.Create(options, _time));

        Assert.InRange(started.Elapsed, TimeSpan.FromMilliseconds(1400), TimeSpan.FromSeconds(20));
        Assert.Equal(SourceErrorKind.Unavailable, failure.Kind);
        Assert.True(failure.IsTransient);
        Assert.Contains("did not finish within 1.5 s and was killed", failure.Message, StringComparison.Ordinal);
        Assert.All(pages, p => Assert.Null(p.Checkpoint.Position));
        await AssertExitedAsync(Assert.Single(fake.Invocations()).Pid);
    }

    [Fact]
    public async Task ReadAsync_WhenALineIsNotAnAuditLog_FailsNamingTheLineAndTheCheckpointDoesNotMove()
    {
        var fake = FakeDcli.Create(_directory, new FakeDcliConfig { InvalidLineAt = 7 });

        var (pages, failure) = await DashlaneTestSources.ReadUntilFailureAsync(Create(fake, Origin, Origin.AddHours(30)));

        Assert.All(pages, p => Assert.Null(p.Checkpoint.Position));
        Assert.Equal(SourceErrorKind.InvalidResponse, failure.Kind);
        Assert.Contains("dcli output line 7, byte 1 is not a Dashlane audit log: it is not valid JSON", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_WhenTheLastLineIsCutShort_FailsNamingItEvenThoughDcliExitedZero()
    {
        var fake = FakeDcli.Create(_directory, new FakeDcliConfig { CutLastLine = true });
        var expected = fake.Printed(Origin.ToUnixTimeMilliseconds(), Origin.AddHours(3).ToUnixTimeMilliseconds()).Count;

        var (pages, failure) = await DashlaneTestSources.ReadUntilFailureAsync(Create(fake, Origin, Origin.AddHours(3)));

        Assert.All(pages, p => Assert.Null(p.Checkpoint.Position));
        Assert.Equal(SourceErrorKind.InvalidResponse, failure.Kind);
        Assert.Contains($"dcli output line {expected}", failure.Message, StringComparison.Ordinal);
        Assert.Contains("was cut short", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_WhenDcliIsMissing_FailsPermanentlyNamingTheOptionAndTheInstall()
    {
        var options = new DashlaneSourceOptions { DcliPath = _directory.Combine("no-such-dcli"), Start = Origin, End = Origin.AddHours(1) };

        var (_, failure) = await DashlaneTestSources.ReadUntilFailureAsync(DashlaneTestSources.Create(options, _time));

        Assert.False(failure.IsTransient);
        Assert.Contains("--dcli", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Install the Dashlane CLI", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_WhenDcliIsNotOnPath_FailsPermanentlySayingSo()
    {
        var options = new DashlaneSourceOptions
        {
            DcliPath = "dcli-not-installed-here",
            Start = Origin,
            End = Origin.AddHours(1),
            Environment = new Dictionary<string, string> { ["PATH"] = _directory.Path },
        };

        var (_, failure) = await DashlaneTestSources.ReadUntilFailureAsync(DashlaneTestSources.Create(options, _time));

        Assert.False(failure.IsTransient);
        Assert.Contains("'dcli-not-installed-here': not found on PATH", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_FirstRunWithoutAStart_FailsPermanentlyAskingForOne()
    {
        var fake = FakeDcli.Create(_directory);

        var (_, failure) = await DashlaneTestSources.ReadUntilFailureAsync(Create(fake, start: null, Origin.AddHours(1)));

        Assert.Equal(SourceErrorKind.InvalidRequest, failure.Kind);
        Assert.Contains("--start", failure.Message, StringComparison.Ordinal);
        Assert.Empty(fake.Invocations());
    }

    [Fact]
    public async Task ReadAsync_WhenCancelledWhileDcliRuns_StopsAndKillsIt()
    {
        var fake = FakeDcli.Create(_directory, new FakeDcliConfig { PauseAfterLines = 5 });
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var source = Create(fake, Origin, WholeHistoryEnd);
        var read = Task.Run(async () =>
        {
            await foreach (var page in source.ReadAsync(null, cancel.Token))
            {
                await cancel.CancelAsync();
            }
        }, TestContext.Current.CancellationToken);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken));
        await AssertExitedAsync(Assert.Single(fake.Invocations()).Pid);
    }

    [Fact]
    public void Create_RegistersEveryDashlaneValueAndTheKeysInsideWithTheRedactor()
    {
        var keys = FakeDcliKeys.Create(11);
        var redactor = new SecretRedactor();
        var inner = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(keys.Split('-')[1])).Split('-');

        DashlaneTestSources.Create(new DashlaneSourceOptions { Start = Origin, Environment = new Dictionary<string, string> { ["DASHLANE_ENROLLED_TEAM_DEVICE_KEYS"] = keys } }, _time, redactor);

        Assert.Equal("***", redactor.Redact(keys));
        Assert.Equal("*** then ***", redactor.Redact(inner[0] + " then " + inner[2]));
    }

    /// <summary>The process is gone (killed and reaped); a real wait on the OS, with a deadline.</summary>
    private static async Task AssertExitedAsync(int pid)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (IsRunning(pid))
        {
            Assert.True(DateTime.UtcNow < deadline, $"dcli (pid {pid}) is still running.");
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        static bool IsRunning(int pid)
        {
            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(pid);
                return !process.HasExited;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }
    }

    private static DashlaneSourceOptions Options(FakeDcli fake, DateTimeOffset? start, DateTimeOffset? end, int pageSize = 1000) => new()
    {
        DcliPath = fake.ExecutablePath,
        Environment = fake.Environment,
        Start = start,
        End = end,
        PageSize = pageSize,
        Timeout = TimeSpan.FromSeconds(60),
    };

    private ISource Create(FakeDcli fake, DateTimeOffset? start, DateTimeOffset? end, int pageSize = 1000) =>
        DashlaneTestSources.Create(Options(fake, start, end, pageSize), _time);
}
