using System.Text.Json;
using AuditBridge.IO;
using AuditBridge.Shell;
using AuditBridge.Simulators.Dropbox;
using AuditBridge.Sinks.File;
using AuditBridge.TestKit;
using AuditBridge.TestKit.Receivers;
using AuditBridge.TestKit.Secrets;
using AuditBridge.TestKit.Time;

namespace AuditBridge.Tests.Cli;

/// <summary><c>pull dropbox</c> end to end in-process against the Dropbox simulator: outputs, state, faults, exit codes.</summary>
public sealed class PullDropboxCommandTests
{
    private const int EventCount = 1_200;
    private const string Token = "sim-access-token";

    [Fact]
    public async Task Pull_WithoutOutputOptions_WritesOneCefLinePerEventToStdout_AndTheCursorToStderr()
    {
        await using var simulator = await StartAsync();

        var run = await CliRunner.RunAsync(Args(simulator, quiet: false), Env());

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(EventCount, run.StdoutLines.Length);
        Assert.All(run.StdoutLines, line => Assert.StartsWith("CEF:0|Dropbox|Dropbox Activity Log|1|", line, StringComparison.Ordinal));
        Assert.Contains("Event cursor: ", run.Stderr, StringComparison.Ordinal);
        Assert.Contains($"done: {EventCount:N0} events", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_AsJsonToAFile_AppendsOneValidJsonObjectPerEvent()
    {
        await using var simulator = await StartAsync();
        using var directory = TempDirectory.ForCaller();

        var first = await CliRunner.RunAsync([.. Args(simulator), "--format", "json", "--output", "events.jsonl"], Env(), directory.Path);
        var second = await CliRunner.RunAsync([.. Args(simulator), "--format", "json", "--output", "events.jsonl"], Env(), directory.Path);

        Assert.Equal(ExitCodes.Success, first.ExitCode);
        Assert.Equal(ExitCodes.Success, second.ExitCode);
        var lines = File.ReadAllLines(directory.Combine("events.jsonl"));
        Assert.Equal(2 * EventCount, lines.Length);
        var ids = lines.Select(line => JsonDocument.Parse(line).RootElement.GetProperty("id").GetString()).ToList();
        Assert.Equal(EventCount, ids.Distinct().Count());
        Assert.Empty(first.Stdout);
    }

    [Fact]
    public async Task Pull_AsCsv_WritesTheHeaderOnlyIntoANewFile()
    {
        await using var simulator = await StartAsync();
        using var directory = TempDirectory.ForCaller();

        await CliRunner.RunAsync([.. Args(simulator), "--format", "csv", "--output", "events.csv", "--category", "logins"], Env(), directory.Path);
        await CliRunner.RunAsync([.. Args(simulator), "--format", "csv", "--output", "events.csv", "--category", "logins"], Env(), directory.Path);

        var text = File.ReadAllText(directory.Combine("events.csv"));
        Assert.Equal(1, CountOccurrences(text, "time,id,vendor,source,category"));
        Assert.StartsWith("time,id,", text, StringComparison.Ordinal);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_AsLeef_WritesOneLeefRecordPerEventCarryingTheSameIdsAsJson()
    {
        await using var simulator = await StartAsync();

        var leef = await CliRunner.RunAsync([.. Args(simulator), "--format", "leef"], Env());
        var json = await CliRunner.RunAsync([.. Args(simulator), "--format", "json"], Env());

        Assert.True(leef.ExitCode == ExitCodes.Success, leef.ToString());
        var records = leef.StdoutLines.Select(LeefRecord.Parse).ToList();
        Assert.Equal(EventCount, records.Count);
        Assert.All(records, r => Assert.Equal(("Dropbox", "Dropbox Activity Log", '^'), (r.Vendor, r.Product, r.Delimiter)));
        Assert.Equal(Ids(json).Order(StringComparer.Ordinal), records.Select(r => r.Attributes["externalId"]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Pull_OverUdpWithMaxRate_SpacesTheDatagramsToThatRate()
    {
        await using var simulator = await DropboxSimulator.StartAsync(
            new DropboxSimulatorOptions { EventCount = 60, Seed = 7 }, new FakeTimeProvider(CliRunner.Now), TestContext.Current.CancellationToken);
        await using var receiver = LoopbackUdpReceiver.Start();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        // 20 per second: the first datagram goes at once, each next one 50 ms after it (at most 10 ms early): about 2.94 s.
        var run = await CliRunner.RunAsync([.. Args(simulator), "--syslog", receiver.Endpoint, "--max-rate", "20"], Env());
        var elapsed = clock.Elapsed;

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(60, (await receiver.WaitForDatagramsAsync(60, TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).Count);
        Assert.True(elapsed >= TimeSpan.FromSeconds(2.8), $"60 datagrams at 20/s took {elapsed.TotalSeconds:0.00} s");
    }

    [Fact]
    public async Task Pull_AsLeefToSyslog_SendsTheRecordsTheFileGets()
    {
        await using var simulator = await StartAsync();
        await using var receiver = LoopbackTcpReceiver.Start(LoopbackFraming.OctetCounting);
        using var directory = TempDirectory.ForCaller();

        var run = await CliRunner.RunAsync(
            [.. Args(simulator), "--format", "leef", "--leef-delimiter", "x09", "--syslog", receiver.Endpoint, "--syslog-header", "none", "--output", "copy.leef"], Env(), directory.Path);
        var received = await receiver.WaitForRecordsAsync(EventCount, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var file = File.ReadAllLines(directory.Combine("copy.leef"));
        Assert.Equal(file, received.Select(r => System.Text.Encoding.UTF8.GetString(r)));
        Assert.All(file, line => Assert.Equal('\t', LeefRecord.Parse(line).Delimiter));
        Assert.All(file, line => Assert.Contains("|x09|", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pull_ToAnExistingFileWhoseLastLineHasNoLineBreak_ExitsWithoutTouchingIt()
    {
        await using var simulator = await StartAsync();
        using var directory = TempDirectory.ForCaller();
        File.WriteAllText(directory.Combine("notes.txt"), "my own notes\nthe last line, typed without a line break");

        var run = await CliRunner.RunAsync([.. Args(simulator), "--output", "notes.txt"], Env(), directory.Path);

        Assert.Equal(ExitCodes.Output, run.ExitCode);
        Assert.Contains($"error: '{directory.Combine("notes.txt")}' ends with 41 bytes after its last line break (from offset 13)", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("my own notes\nthe last line, typed without a line break", File.ReadAllText(directory.Combine("notes.txt")));
    }

    [Fact]
    public async Task Pull_AfterAnEarlierRunWasKilledMidRecord_CutsTheTornRecordAndWarnsOnStderr()
    {
        await using var simulator = await StartAsync();
        using var directory = TempDirectory.ForCaller();
        var path = directory.Combine("events.jsonl");
        await CliRunner.RunAsync([.. Args(simulator), "--format", "json", "--output", "events.jsonl"], Env(), directory.Path);
        var whole = File.ReadAllBytes(path).Length;

        // What a kill -9 in the middle of a page leaves: the sink's tail record, and part of a record.
        using (var file = NoFollowFile.OpenOrCreate(path, followSymlinks: false))
        {
            TailRecord.Of(file.Stream, file.Identity).Write(TailRecord.PathFor(path), DiskSync.Instance, flushToDisk: false);
        }

        File.AppendAllText(path, "{\"id\":\"dbx:to");
        var run = await CliRunner.RunAsync([.. Args(simulator), "--format", "json", "--output", "events.jsonl"], Env(), directory.Path);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains($"warning: Cut 13 bytes from the end of {path} at offset {whole}", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(2 * EventCount, File.ReadAllLines(path).Select(line => JsonDocument.Parse(line)).Count());
        Assert.False(File.Exists(TailRecord.PathFor(path)));
    }

    [Fact]
    public async Task Pull_ToASymbolicLink_IsRefused_UnlessFollowSymlinksIsGiven()
    {
        await using var simulator = await StartAsync();
        using var directory = TempDirectory.ForCaller();
        File.WriteAllText(directory.Combine("target.jsonl"), string.Empty);
        File.CreateSymbolicLink(directory.Combine("link.jsonl"), directory.Combine("target.jsonl"));

        var refused = await CliRunner.RunAsync([.. Args(simulator), "--format", "json", "--output", "link.jsonl"], Env(), directory.Path);
        var refusedContent = File.ReadAllText(directory.Combine("target.jsonl"));
        var followed = await CliRunner.RunAsync([.. Args(simulator), "--format", "json", "--output", "link.jsonl", "--follow-symlinks"], Env(), directory.Path);

        Assert.Equal(ExitCodes.Output, refused.ExitCode);
        Assert.Contains("is a symbolic link", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("--follow-symlinks", refused.Stderr, StringComparison.Ordinal);
        Assert.Empty(refusedContent);
        Assert.Equal(ExitCodes.Success, followed.ExitCode);
        Assert.Equal(EventCount, File.ReadAllLines(directory.Combine("target.jsonl")).Length);
    }

    [Fact]
    public async Task Pull_WithAStateFileThatIsASymbolicLink_IsRefused_UnlessFollowSymlinksIsGiven()
    {
        await using var simulator = await StartAsync();
        using var directory = TempDirectory.ForCaller();
        File.CreateSymbolicLink(directory.Combine("state.json"), directory.Combine("real-state.json"));

        var refused = await CliRunner.RunAsync([.. Args(simulator), "--format", "json", "--state", "state.json"], Env(), directory.Path);
        var followed = await CliRunner.RunAsync([.. Args(simulator), "--format", "json", "--state", "state.json", "--follow-symlinks"], Env(), directory.Path);

        Assert.Equal(ExitCodes.State, refused.ExitCode);
        Assert.Contains("is a symbolic link", refused.Stderr, StringComparison.Ordinal);
        Assert.Empty(refused.Stdout);
        Assert.Equal(ExitCodes.Success, followed.ExitCode);
        Assert.True(File.Exists(directory.Combine("real-state.json")));
        Assert.NotNull(new FileInfo(directory.Combine("state.json")).LinkTarget);
    }

    [Fact]
    public async Task Pull_WithBareOutput_WritesTheSampleScriptsFileName()
    {
        await using var simulator = await StartAsync();
        using var directory = TempDirectory.ForCaller();

        var run = await CliRunner.RunAsync([.. Args(simulator), "--output", "--category", "sso"], Env(), directory.Path);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.True(File.Exists(directory.Combine("dropbox_cefevents.csv")));
    }

    [Fact]
    public async Task Pull_WithState_TheNextRunWritesOnlyEventsThatAppearedSince()
    {
        var time = new FakeTimeProvider(DropboxStart + TimeSpan.FromSeconds((10 * 800) - 1), autoAdvance: false);
        await using var simulator = await DropboxSimulator.StartAsync(new DropboxSimulatorOptions { EventCount = null, Seed = 3 }, time, TestContext.Current.CancellationToken);
        using var directory = TempDirectory.ForCaller();
        string[] args = [.. Args(simulator), "--state", "state.json", "--start-time", "2024-01-01T00:00:00Z", "--format", "json"];

        var first = await CliRunner.RunAsync(args, Env(), directory.Path);
        time.Advance(TimeSpan.FromSeconds(10 * 300));
        var second = await CliRunner.RunAsync(args, Env(), directory.Path);
        var third = await CliRunner.RunAsync(args, Env(), directory.Path);

        Assert.Equal(800, first.StdoutLines.Length);
        Assert.Equal(300, second.StdoutLines.Length);
        Assert.Empty(third.StdoutLines);
        Assert.Empty(Ids(first).Intersect(Ids(second)));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(directory.Combine("state.json")));
    }

    [Fact]
    public async Task Pull_WithStateOfOtherFilters_RefusesUntilResetState()
    {
        await using var simulator = await StartAsync();
        using var directory = TempDirectory.ForCaller();
        await CliRunner.RunAsync([.. Args(simulator), "--state", "s.json", "--category", "logins"], Env(), directory.Path);

        var refused = await CliRunner.RunAsync([.. Args(simulator), "--state", "s.json", "--category", "sharing"], Env(), directory.Path);
        var reset = await CliRunner.RunAsync([.. Args(simulator), "--state", "s.json", "--category", "sharing", "--reset-state"], Env(), directory.Path);

        Assert.Equal(ExitCodes.State, refused.ExitCode);
        Assert.Contains("category: saved 'logins', now 'sharing'", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("--reset-state", refused.Stderr, StringComparison.Ordinal);
        Assert.Empty(refused.Stdout);
        Assert.Equal(ExitCodes.Success, reset.ExitCode);
        Assert.NotEmpty(reset.StdoutLines);
    }

    [Fact]
    public async Task Pull_WhenStoppedWhileWaitingForAPage_KeepsTheStateOfTheLastWrittenPage_AndTheNextRunCompletesWithoutGapOrRepeat()
    {
        await using var simulator = await StartAsync();
        using var directory = TempDirectory.ForCaller();
        var uninterrupted = await CliRunner.RunAsync([.. Args(simulator), "--format", "json", "--limit", "100"], Env());
        simulator.Faults.Enqueue(DropboxFault.Hang() with { Route = DropboxRoute.Continue });
        using var stop = new CancellationTokenSource();
        string[] args = [.. Args(simulator), "--format", "json", "--limit", "100", "--state", "state.json", "--output", "out.jsonl"];

        var interrupted = CliRunner.RunAsync(args, Env(), directory.Path, stop: stop, terminationExitCode: () => ExitCodes.Terminated);
        await WaitUntilAsync(() => simulator.Faults.Count == 0);
        await stop.CancelAsync();
        var stopped = await interrupted;
        var resumed = await CliRunner.RunAsync(args, Env(), directory.Path);

        Assert.Equal(ExitCodes.Terminated, stopped.ExitCode);
        Assert.Equal(ExitCodes.Success, resumed.ExitCode);
        var written = File.ReadAllLines(directory.Combine("out.jsonl")).Select(IdOf).ToList();
        Assert.Equal(written.Count, written.Distinct().Count());
        Assert.Equal(Ids(uninterrupted).Order(StringComparer.Ordinal), written.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Pull_WhenTheCursorIsResetMidway_WritesEveryEventOnce()
    {
        await using var simulator = await StartAsync();
        simulator.Faults.Enqueue(DropboxFault.ResetCursor() with { Route = DropboxRoute.Continue });
        var expected = await CliRunner.RunAsync([.. Args(simulator), "--format", "json", "--limit", "100"], Env());
        var simulatorClean = await StartAsync();
        await using var clean = simulatorClean;
        var reference = await CliRunner.RunAsync([.. Args(clean), "--format", "json", "--limit", "100"], Env());

        Assert.Equal(ExitCodes.Success, expected.ExitCode);
        Assert.Contains("reset the cursor", expected.Stderr, StringComparison.Ordinal);
        Assert.Equal(Ids(reference).Order(StringComparer.Ordinal), Ids(expected).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Pull_WhenRateLimitedBeyondMaxWait_ExitsSixWithTheStateOfTheLastPage_AndTheNextRunFinishes()
    {
        await using var simulator = await StartAsync();
        using var directory = TempDirectory.ForCaller();
        simulator.Faults.Enqueue(DropboxFault.RateLimited(900) with { Route = DropboxRoute.Continue });
        string[] args = [.. Args(simulator), "--format", "json", "--limit", "300", "--state", "state.json", "--output", "out.jsonl", "--max-wait", "5m"];

        var limited = await CliRunner.RunAsync(args, Env(), directory.Path);
        var resumed = await CliRunner.RunAsync(args, Env(), directory.Path);

        Assert.Equal(ExitCodes.RateLimited, limited.ExitCode);
        Assert.Contains("rate limit", limited.Stderr, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, resumed.ExitCode);
        var written = File.ReadAllLines(directory.Combine("out.jsonl")).Select(IdOf).ToList();
        Assert.Equal(EventCount, written.Count);
        Assert.Equal(EventCount, written.Distinct().Count());
    }

    [Fact]
    public async Task Pull_WhenPagesStayBroken_ExitsEightAndWritesNothingOfTheBrokenPage()
    {
        await using var simulator = await StartAsync();
        simulator.Faults.Enqueue(DropboxFault.NotJson() with { Route = DropboxRoute.Continue, Times = 100 });

        var run = await CliRunner.RunAsync([.. Args(simulator), "--format", "json", "--limit", "200", "--retries", "2"], Env());

        Assert.Equal(ExitCodes.InvalidResponse, run.ExitCode);
        Assert.InRange(run.StdoutLines.Length, 1, 200);
        Assert.Contains("invalid response 3 times", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_WithARefreshToken_RenewsExpiredTokensAndFinishes()
    {
        await using var simulator = await StartAsync();
        simulator.Faults.Enqueue(DropboxFault.ExpireAccessToken() with { Route = DropboxRoute.Continue });
        var env = new Dictionary<string, string>
        {
            ["DROPBOX_REFRESH_TOKEN"] = "sim-refresh-token",
            ["DROPBOX_APP_KEY"] = "sim-app-key",
            ["DROPBOX_APP_SECRET"] = "sim-app-secret",
        };

        var run = await CliRunner.RunAsync([.. Args(simulator, quiet: false), "--limit", "400"], env);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(EventCount, run.StdoutLines.Length);
        Assert.Contains("access token expired; refreshing", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_WithAWrongToken_ExitsThreeWithTheFixAndNeverPrintsTheToken()
    {
        await using var simulator = await StartAsync();

        var run = await CliRunner.RunAsync([.. Args(simulator), "--verbose"], new Dictionary<string, string> { ["DROPBOX_ACCESS_TOKEN"] = "sl.WRONG-secret-value" });

        Assert.Equal(ExitCodes.Authentication, run.ExitCode);
        Assert.Contains("invalid_access_token", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("sl.WRONG-secret-value", run.Stderr + run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_ReadsTheTokenFromDotEnvAndFromTheSeedsSettingsFile()
    {
        await using var simulator = await StartAsync();
        using var withEnvFile = TempDirectory.ForCaller();
        using var withSettings = TempDirectory.ForCaller();
        File.WriteAllText(withEnvFile.Combine(".env"), $"DROPBOX_ACCESS_TOKEN={Token}\n");
        File.WriteAllText(withSettings.Combine("parserSettings.ini"), $"[DEFAULT]\ndfbToken={Token}\n");

        var fromDotEnv = await CliRunner.RunAsync([.. Args(simulator), "--category", "logins"], new Dictionary<string, string>(), withEnvFile.Path);
        var fromSettings = await CliRunner.RunAsync([.. Args(simulator), "--category", "logins", "--settings", "parserSettings.ini"], new Dictionary<string, string>(), withSettings.Path);

        Assert.Equal(ExitCodes.Success, fromDotEnv.ExitCode);
        Assert.Equal(ExitCodes.Success, fromSettings.ExitCode);
        Assert.Equal(fromDotEnv.Stdout, fromSettings.Stdout);
    }

    [Fact]
    public async Task Pull_WithoutCredentials_ExitsThreeAndExplainsWhereTheyComeFrom()
    {
        var run = await CliRunner.RunAsync(["pull", "dropbox", "--api-url", "http://127.0.0.1:9/"], new Dictionary<string, string>(), TempDirectory.ForCaller().Path);

        Assert.Equal(ExitCodes.Authentication, run.ExitCode);
        Assert.Contains("DROPBOX_ACCESS_TOKEN", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--category", "logins", "--event-type", "login_fail" }, "invalid_filters")]
    [InlineData(new[] { "--limit", "0" }, "--limit must be between 1 and 1000")]
    [InlineData(new[] { "--limit", "1001" }, "--limit must be between 1 and 1000")]
    [InlineData(new[] { "--start-time", "2024-05-01T00:00:00" }, "add Z or an offset")]
    [InlineData(new[] { "--start-time", "2024-05-02T00:00:00Z", "--end-time", "2024-05-01T00:00:00Z" }, "must be before --end-time")]
    [InlineData(new[] { "--account-id", "bob" }, "--account-id must be a Dropbox account id")]
    [InlineData(new[] { "--token", "sl.abc" }, "secrets are never taken from the command line")]
    [InlineData(new[] { "--access-token=sl.abc" }, "secrets are never taken from the command line")]
    [InlineData(new[] { "--host", "siem.example" }, "--host and --port go together")]
    [InlineData(new[] { "--host", "a", "--port", "514", "--syslog", "udp://b:514" }, "give one of them")]
    [InlineData(new[] { "--format", "csv", "--syslog", "udp://127.0.0.1:514" }, "--format: csv cannot go to syslog")]
    [InlineData(new[] { "--format", "xml" }, "--format: 'xml' is not one of cef, json, csv, leef")]
    [InlineData(new[] { "--format", "leef", "--leef-delimiter", "=" }, "--leef-delimiter: must be TAB (x09) or one of")]
    [InlineData(new[] { "--format", "leef", "--leef-delimiter", "x7C" }, "--leef-delimiter: must be TAB (x09) or one of")]
    [InlineData(new[] { "--format", "cef", "--leef-delimiter", "^" }, "--leef-delimiter: applies to --format leef only, not cef")]
    [InlineData(new[] { "--syslog", "smtp://x:25" }, "--syslog")]
    [InlineData(new[] { "--max-datagram", "100" }, "--max-datagram: must be a whole number from 480 to 65507, got '100'")]
    [InlineData(new[] { "--max-rate", "100" }, "--max-rate: applies to the syslog sink: it needs --syslog URL")]
    [InlineData(new[] { "--syslog", "tcp://127.0.0.1:514", "--max-rate", "100" }, "--max-rate: applies to udp:// endpoints only")]
    [InlineData(new[] { "--syslog", "udp://127.0.0.1:514", "--max-rate", "2000000" }, "--max-rate: must be a whole number from 0 to 1000000, got '2000000'")]
    [InlineData(new[] { "--no-such-option" }, "no-such-option")]
    [InlineData(new[] { "--max-wait", "soon" }, "--max-wait: 'soon' is not a duration")]
    [InlineData(new[] { "--request-timeout", "0s" }, "--request-timeout must be at least 1s, got '0s'")]
    [InlineData(new[] { "--request-timeout", "0" }, "--request-timeout must be at least 1s, got '0'")]
    [InlineData(new[] { "--request-timeout", "-1s" }, "--request-timeout: '-1s' is not a duration")]
    public async Task Pull_WithInvalidOptions_ExitsTwoWithAMessageNamingTheOption(string[] extra, string expected)
    {
        var run = await CliRunner.RunAsync(["pull", "dropbox", "--api-url", "http://127.0.0.1:9/", .. extra], Env());

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains(expected, run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("sl.abc", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://api.dropboxapi.com/", "--oauth-url 'http://api.dropboxapi.com/' would send the credentials, tokens and audit events unencrypted over the network: use https://, or set --allow-insecure-http")]
    [InlineData("https://dbx:hunter2-pass@api.dropboxapi.com/", "--oauth-url must not contain user:password@ (https://api.dropboxapi.com/)")]
    public async Task Pull_WithAVendorUrlThatIsNeitherHttpsNorLocal_ExitsTwoWithoutEchoingAPassword(string url, string expected)
    {
        var run = await CliRunner.RunAsync(["pull", "dropbox", "--api-url", "http://127.0.0.1:9/", "--oauth-url", url], Env());

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains(expected, run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_WithAllowInsecureHttp_WarnsOnEveryRun()
    {
        await using var simulator = await StartAsync();

        var run = await CliRunner.RunAsync([.. Args(simulator), "--allow-insecure-http"], Env());

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("warning: --allow-insecure-http: http:// vendor URLs on another host are allowed", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_WithATokenShorterThanEightCharacters_ExitsTwoNamingTheVariableNotTheValue()
    {
        var run = await CliRunner.RunAsync(["pull", "dropbox", "--api-url", "http://127.0.0.1:9/"], new Dictionary<string, string> { ["DROPBOX_ACCESS_TOKEN"] = "abc1234" });

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("error: the secret from env DROPBOX_ACCESS_TOKEN is 7 characters long", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("abc1234", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_WhenTheApiEchoesTheTokenWithTerminalCodes_StderrShowsNeitherTheTokenNorTheCodes()
    {
        await using var simulator = await StartAsync();
        simulator.Faults.Enqueue(DropboxFault.EchoCredentials(403, plainText: true) with { Route = DropboxRoute.GetEvents });

        var run = await CliRunner.RunAsync(Args(simulator), Env());

        Assert.Equal(ExitCodes.Permission, run.ExitCode);
        SecretLeaks.AssertNone(Token, run.Stderr);
        Assert.DoesNotContain('\u001b', run.Stderr);
        Assert.DoesNotContain('\u0007', run.Stderr);
        Assert.Contains("\\x1B[31mrejected\\x07", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_WithAMalformedSeverityMap_ExitsElevenNamingFileLineAndColumn()
    {
        await using var simulator = await StartAsync();
        using var directory = TempDirectory.ForCaller();
        File.WriteAllText(directory.Combine("sev.json"), "{\n  \"vendors\": {\"dropbox\": {\"categories\": {\"logins\": \"high\"}}}\n}\n");

        var run = await CliRunner.RunAsync([.. Args(simulator), "--severity-map", "sev.json"], Env(), directory.Path);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("sev.json:2:", run.Stderr, StringComparison.Ordinal);
    }

    private static readonly DateTimeOffset DropboxStart = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Pull_WhenEventsCannotBeMapped_WritesEveryOtherEvent_ReportsEachAndKeepsThemWithQuarantine()
    {
        await using var simulator = await DropboxSimulator.StartAsync(
            new DropboxSimulatorOptions { EventCount = EventCount, Seed = 7, PoisonEvery = 100 }, new FakeTimeProvider(CliRunner.Now), TestContext.Current.CancellationToken);
        using var directory = TempDirectory.ForCaller();

        var run = await CliRunner.RunAsync([.. Args(simulator), "--format", "json", "--output", "events.jsonl", "--quarantine", "poison.jsonl", "--state", "s.json"], Env(), directory.Path);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        const int Poison = EventCount / 100;
        Assert.Equal(EventCount - Poison, File.ReadAllLines(directory.Combine("events.jsonl")).Length);
        Assert.Equal(Poison, CountOccurrences(run.Stderr, "warning: quarantined a dropbox event that cannot be mapped (get_events"));
        Assert.Contains($"quarantined {Poison} events that cannot be mapped; everything else was written (they are in poison.jsonl)", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        var kept = File.ReadAllLines(directory.Combine("poison.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(Poison, kept.Count);
        Assert.All(kept, k =>
        {
            Assert.Equal("dropbox", k.GetProperty("vendor").GetString());
            Assert.Equal("it has no valid 'timestamp'", k.GetProperty("error").GetString());
            Assert.Equal(JsonValueKind.Number, k.GetProperty("raw").GetProperty("timestamp").ValueKind);
        });
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(directory.Combine("poison.jsonl")));
    }

    [Fact]
    public async Task Pull_WithAQuarantineFileThatIsASymbolicLink_IsRefusedBeforeAnythingIsWritten()
    {
        await using var simulator = await StartAsync();
        using var directory = TempDirectory.ForCaller();
        File.WriteAllText(directory.Combine("victim"), "precious\n");
        File.CreateSymbolicLink(directory.Combine("poison.jsonl"), directory.Combine("victim"));

        var run = await CliRunner.RunAsync([.. Args(simulator), "--format", "json", "--quarantine", "poison.jsonl"], Env(), directory.Path);

        Assert.Equal(ExitCodes.Output, run.ExitCode);
        Assert.Contains("--quarantine poison.jsonl: ", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("is a symbolic link", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("precious\n", File.ReadAllText(directory.Combine("victim")));
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public async Task Pull_WhenEventsCannotBeMappedAndNoQuarantineFile_SaysHowToKeepThem()
    {
        await using var simulator = await DropboxSimulator.StartAsync(
            new DropboxSimulatorOptions { EventCount = 300, Seed = 7, PoisonEvery = 100 }, new FakeTimeProvider(CliRunner.Now), TestContext.Current.CancellationToken);

        var run = await CliRunner.RunAsync([.. Args(simulator), "--format", "json"], Env());

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(297, run.StdoutLines.Length);
        Assert.Contains("not kept (add --quarantine FILE to keep such events)", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("quarantined 3 events that cannot be mapped; everything else was written (add --quarantine FILE to keep them)", run.Stderr, StringComparison.Ordinal);
    }

    private static Task<DropboxSimulator> StartAsync() => DropboxSimulator.StartAsync(
        new DropboxSimulatorOptions { EventCount = EventCount, Seed = 7 },
        new FakeTimeProvider(CliRunner.Now),
        TestContext.Current.CancellationToken);

    private static string[] Args(DropboxSimulator simulator, bool quiet = true) =>
        quiet ? ["pull", "dropbox", "--api-url", simulator.BaseUrl.ToString(), "--quiet"] : ["pull", "dropbox", "--api-url", simulator.BaseUrl.ToString()];

    private static Dictionary<string, string> Env() => new() { ["DROPBOX_ACCESS_TOKEN"] = Token };

    private static IEnumerable<string> Ids(CliRun run) => run.StdoutLines.Select(IdOf);

    private static string IdOf(string jsonLine) => JsonDocument.Parse(jsonLine).RootElement.GetProperty("id").GetString()!;

    private static int CountOccurrences(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        // Real I/O is involved (the CLI's request reaching the simulator): poll with a deadline, never a fixed sleep.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition was not met within 20 s");
            await Task.Yield();
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }
}
