using System.Globalization;
using System.Text.Json;
using AuditBridge.Journal.Sqlite;
using AuditBridge.Status;
using AuditBridge.Simulators.Dropbox;
using AuditBridge.TestKit;
using AuditBridge.TestKit.Receivers;
using AuditBridge.TestKit.Time;
using AuditBridge.Tests.Cli;

namespace AuditBridge.Tests.Daemon;

/// <summary>
/// <c>auditbridge run</c> in-process against the Dropbox simulator, a file sink and a TCP syslog receiver on loopback:
/// everything arrives once per sink and in journal order, a sink that is down holds back neither collection nor the
/// other sink, replay re-delivers, and status, /healthz and /metrics tell the truth.
/// </summary>
[Collection(InProcessDaemon.Name)]
public sealed class DaemonRunTests
{
    private const int Events = 3_000;

    [Fact]
    public async Task Run_DeliversEveryEventOnceToEverySinkInJournalOrder()
    {
        await using var simulator = await StartSimulatorAsync();
        await using var receiver = LoopbackTcpReceiver.Start();
        using var directory = TempDirectory.ForCaller();
        await using var daemon = DaemonHarness.Create(directory, Config(simulator, receiver));

        daemon.Start();
        await daemon.Observer.WaitAsync(o => o.Position("archive") == Events && o.Position("siem") == Events, "both sinks delivered everything");
        await receiver.WaitForRecordsAsync(Events, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        var journalIds = await JournalIdsAsync(daemon);
        Assert.Equal(Events, journalIds.Count);
        Assert.Equal(Events, journalIds.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(journalIds, FileIds(directory));
        Assert.Equal(journalIds, ReceiverIds(receiver));
        Assert.Equal(0, await daemon.StopAsync());
        Assert.Contains("Stopped", daemon.Log, StringComparison.Ordinal);
    }

    /// <summary>The YAML configuration passes the vendors' products to the formatter, as the command line does.</summary>
    [Theory]
    [InlineData("cef", "CEF:0|Dropbox|Dropbox Activity Log|1|")]
    [InlineData("leef", "LEEF:2.0|Dropbox|Dropbox Activity Log|1|")]
    public async Task Run_SyslogSinkInAVendorHeaderFormat_NamesTheVendorsProduct(string format, string header)
    {
        await using var simulator = await StartSimulatorAsync(10);
        await using var receiver = LoopbackUdpReceiver.Start();
        using var directory = TempDirectory.ForCaller();
        await using var daemon = DaemonHarness.Create(directory, Config(simulator, receiver.Endpoint, format));

        daemon.Start();
        var datagrams = await receiver.WaitForDatagramsAsync(10, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.All(receiver.DatagramStrings(), datagram => Assert.Contains(header, datagram, StringComparison.Ordinal));
        Assert.Equal(10, datagrams.Count);
        Assert.Equal(0, await daemon.StopAsync());
    }

    [Fact]
    public async Task Run_WhileTheSyslogReceiverIsDown_CollectsAndFeedsTheFileSinkThenCatchesUpInOrder()
    {
        await using var simulator = await StartSimulatorAsync();
        await using var receiver = LoopbackTcpReceiver.Start();
        receiver.StopListening();
        using var directory = TempDirectory.ForCaller();
        await using var daemon = DaemonHarness.Create(directory, Config(simulator, receiver));

        daemon.Start();
        await daemon.Observer.WaitAsync(o => o.Position("archive") == Events, "the file sink delivered everything while the receiver is down");
        await daemon.Observer.WaitAsync(o => o.Failures.Any(f => f.Component == "siem" && !f.Permanent), "the syslog sink failed and retries");
        Assert.Equal(0, daemon.Observer.Position("siem"));
        var report = await StatusAsync(daemon);
        var siem = Assert.Single(report.Sinks, s => s.Name == "siem");
        Assert.Equal(Events, siem.Backlog);
        Assert.True(siem.Failing, "status shows the syslog sink failing");
        Assert.Equal(0, Assert.Single(report.Sinks, s => s.Name == "archive").Backlog);

        receiver.StartListening();
        await daemon.Observer.WaitAsync(o => o.Position("siem") == Events, "the syslog sink caught up");
        await receiver.WaitForRecordsAsync(Events, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal(await JournalIdsAsync(daemon), ReceiverIds(receiver));
    }

    [Fact]
    public async Task Replay_WhileTheDaemonRuns_DeliversAgainFromTheRequestedSequence()
    {
        await using var simulator = await StartSimulatorAsync();
        await using var receiver = LoopbackTcpReceiver.Start();
        using var directory = TempDirectory.ForCaller();
        await using var daemon = DaemonHarness.Create(directory, Config(simulator, receiver));
        daemon.Start();
        await daemon.Observer.WaitAsync(o => o.Position("archive") == Events, "the file sink delivered everything");

        var replay = await CliRunner.RunAsync(["replay", "--config", daemon.ConfigPath, "--sink", "archive", "--from-seq", "2501"], DaemonHarness.Environment, directory.Path);
        Assert.True(replay.ExitCode == 0, replay.Stderr);
        Assert.Contains("delivers again from sequence 2501", replay.Stderr, StringComparison.Ordinal);
        await daemon.Observer.WaitAsync(o => o.Position("archive") == 2500, "the delivery loop took the request");
        await daemon.Observer.WaitAsync(o => o.Position("archive") == Events, "the file sink delivered the replay");

        var ids = await JournalIdsAsync(daemon);
        Assert.Equal([.. ids, .. ids.Skip(2500)], FileIds(directory));
    }

    [Fact]
    public async Task Run_ServesHealthAndMetrics()
    {
        await using var simulator = await StartSimulatorAsync();
        await using var receiver = LoopbackTcpReceiver.Start();
        using var directory = TempDirectory.ForCaller();
        await using var daemon = DaemonHarness.Create(directory, Config(simulator, receiver, listen: "127.0.0.1:0"));
        daemon.Start();
        await daemon.Observer.WaitAsync(o => o.Position("archive") == Events && o.Position("siem") == Events, "both sinks delivered everything");

        using var http = new HttpClient { BaseAddress = new Uri($"http://{daemon.MetricsAddress}/") };
        var health = await http.GetAsync("healthz", TestContext.Current.CancellationToken);
        var metrics = await http.GetStringAsync("metrics", TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("""{"status":"ok","stopped":{}}""", await health.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.DoesNotContain("not a loopback address", daemon.Log, StringComparison.Ordinal);
        Assert.Contains($"auditbridge_source_events_received_total{{component=\"dbx\",type=\"dropbox\"}} {Events}", metrics, StringComparison.Ordinal);
        Assert.Contains($"auditbridge_sink_events_sent_total{{component=\"siem\",type=\"syslog\"}} {Events}", metrics, StringComparison.Ordinal);
        Assert.Contains("auditbridge_sink_backlog_events{component=\"archive\"} 0", metrics, StringComparison.Ordinal);
        Assert.Contains($"auditbridge_journal_head {Events}", metrics, StringComparison.Ordinal);
        Assert.Contains("auditbridge_source_requests_total{", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WhenAllowedToListenBeyondLoopback_WarnsAtStartAndServes()
    {
        await using var simulator = await StartSimulatorAsync();
        await using var receiver = LoopbackTcpReceiver.Start();
        using var directory = TempDirectory.ForCaller();
        await using var daemon = DaemonHarness.Create(directory, Config(simulator, receiver, listen: "0.0.0.0:0", journal: "listen_allow_remote: true"));
        daemon.Start();
        await daemon.Observer.WaitAsync(o => o.Position("archive") == Events, "the file sink delivered everything");

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{daemon.MetricsAddress![(daemon.MetricsAddress!.LastIndexOf(':') + 1)..]}/") };
        var health = await http.GetAsync("healthz", TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
        Assert.Contains("/healthz and /metrics listen on 0.0.0.0:", daemon.Log, StringComparison.Ordinal);
        Assert.Contains("which is not a loopback address (listen_allow_remote: true): they have no authentication", daemon.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WhenASourceIsRefusedForGood_StopsThatSourceVisiblyAndDeliversTheRest()
    {
        await using var simulator = await StartSimulatorAsync();
        await using var receiver = LoopbackTcpReceiver.Start();
        using var directory = TempDirectory.ForCaller();
        var yaml = Config(simulator, receiver, listen: "127.0.0.1:0") + "\n" + string.Join("\n",
            "  - name: revoked",
            "    type: dropbox",
            "    api_url: " + simulator.BaseUrl,
            "    credentials:",
            "      access_token: ${REVOKED_TOKEN:-not-a-valid-token}");
        await using var daemon = DaemonHarness.Create(directory, MoveSourceBeforeSinks(yaml));
        daemon.Start();

        await daemon.Observer.WaitAsync(o => o.Failures.Any(f => f.Component == "revoked" && f.Permanent), "the revoked source stopped");
        await daemon.Observer.WaitAsync(o => o.Position("archive") == Events, "the good source's events were delivered");
        using var http = new HttpClient { BaseAddress = new Uri($"http://{daemon.MetricsAddress}/") };
        var health = await http.GetAsync("healthz", TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, health.StatusCode);
        var healthBody = await health.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("revoked", healthBody, StringComparison.Ordinal);

        // States only: the reason (a vendor message) is for the log and status, not for an unauthenticated endpoint.
        Assert.Equal("""{"status":"degraded","stopped":{"revoked":"stopped"}}""", healthBody);
        Assert.Contains("Source revoked stopped", daemon.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-valid-token", daemon.Log, StringComparison.Ordinal);
        var revoked = Assert.Single((await StatusAsync(daemon)).Sources, s => s.Name == "revoked");
        Assert.True(revoked.Failing);
        Assert.DoesNotContain("not-a-valid-token", revoked.LastError!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retention_DeletesOnlyWhatEveryEnabledSinkDelivered()
    {
        await using var simulator = await StartSimulatorAsync();
        await using var receiver = LoopbackTcpReceiver.Start();
        receiver.StopListening();
        using var directory = TempDirectory.ForCaller();
        await using var daemon = DaemonHarness.Create(directory, Config(simulator, receiver, journal: "journal: {retention: 1h}"));
        daemon.Start();
        await daemon.Observer.WaitAsync(o => o.Position("archive") == Events, "the file sink delivered everything");

        // The fake clock runs ahead while the daemon waits: let several retention runs pass with the receiver down.
        var start = daemon.Time.GetUtcNow();
        await daemon.Observer.WaitAsync(_ => daemon.Time.GetUtcNow() > start + TimeSpan.FromHours(3), "three hours passed", TimeSpan.FromSeconds(60));
        Assert.Equal(Events, (await JournalIdsAsync(daemon)).Count);

        receiver.StartListening();
        await daemon.Observer.WaitAsync(o => o.Position("siem") == Events, "the syslog sink caught up after the outage");
        await receiver.WaitForRecordsAsync(Events, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal(Events, ReceiverIds(receiver).Distinct(StringComparer.Ordinal).Count());

        // Retention may already have deleted what siem delivered while it caught up; in the end it deletes everything.
        await daemon.Observer.WaitAsync(_ => Deleted(daemon.Log) == Events, "retention deleted every delivered event", TimeSpan.FromSeconds(60));
        Assert.Empty(await JournalIdsAsync(daemon));

        // A sink added now starts at the oldest event retention left: nothing is waiting for it, whatever the head.
        File.AppendAllText(daemon.ConfigPath, "\n  - name: late\n    type: file\n    path: late.jsonl\n");
        var status = await StatusAsync(daemon);
        Assert.Equal(Events, status.Head);
        Assert.Equal(0, status.Sinks.Single(s => s.Name == "late").Backlog);
    }

    [Fact]
    public async Task Run_ToASplunkHecCollector_HonoursRetryAfterAndDeliversEveryEventOnce()
    {
        await using var simulator = await StartSimulatorAsync();
        await using var receiver = LoopbackTcpReceiver.Start();
        await using var collector = await LoopbackHttpCollector.StartAsync(null, TestContext.Current.CancellationToken);
        collector.Enqueue(CollectorResponse.RetryAfter(429, "120"), CollectorResponse.RetryAfter(503, "90"));
        using var directory = TempDirectory.ForCaller();
        File.WriteAllText(directory.Combine("hec.token"), "hec-secret-token\n");
        var yaml = Config(simulator, receiver) + "\n" + string.Join("\n",
            "  - name: splunk",
            "    type: http",
            "    mode: splunk_hec",
            "    endpoint: " + collector.BaseUrl,
            "    token: file:hec.token",
            "    index: audit",
            "    max_batch_events: 400");
        await using var daemon = DaemonHarness.Create(directory, yaml);
        daemon.Start();

        await daemon.Observer.WaitAsync(o => o.Position("splunk") == Events, "the HEC sink delivered everything");

        Assert.Contains(TimeSpan.FromSeconds(120), daemon.Time.Waits);
        Assert.Contains(TimeSpan.FromSeconds(90), daemon.Time.Waits);
        var accepted = collector.Requests.Skip(2).ToList();
        Assert.All(collector.Requests, r => Assert.Equal("Splunk hec-secret-token", r.Header("Authorization")));
        var ids = accepted.SelectMany(r => HecEventIds(r.DecodedBody)).ToList();
        Assert.Equal(await JournalIdsAsync(daemon), ids);
        Assert.DoesNotContain("hec-secret-token", daemon.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ToARotatingFile_StartsANewFileAtMaxBytesAndKeepsOnlyKeepFiles()
    {
        await using var simulator = await StartSimulatorAsync();
        await using var receiver = LoopbackTcpReceiver.Start();
        using var directory = TempDirectory.ForCaller();
        var yaml = Config(simulator, receiver) + "\n" + string.Join("\n",
            "  - name: rotated",
            "    type: file",
            "    path: rotated-{n}.jsonl",
            "    format: json",
            "    max_bytes: 2MB",
            "    keep_files: 1");
        await using var daemon = DaemonHarness.Create(directory, yaml);
        daemon.Start();

        await daemon.Observer.WaitAsync(o => o.Position("rotated") == Events, "the rotating file sink delivered everything");

        // About 6 MB in all: at least three files of at most 2 MB were written (a batch never spans files); the newest
        // and the one before it are kept, each within max_bytes, holding the newest events in journal order.
        var files = Directory.GetFiles(directory.Path, "rotated-*.jsonl").OrderBy(f => int.Parse(Path.GetFileNameWithoutExtension(f)["rotated-".Length..], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(2, files.Count);
        Assert.DoesNotContain(files, f => Path.GetFileName(f) == "rotated-1.jsonl");
        Assert.All(files, f => Assert.InRange(new FileInfo(f).Length, 1, 2 * 1024 * 1024));
        var kept = files.SelectMany(File.ReadLines).Select(IdOf).ToList();
        var ids = await JournalIdsAsync(daemon);
        Assert.Equal(ids.TakeLast(kept.Count), kept);
    }

    private static List<string> HecEventIds(byte[] body)
    {
        var ids = new List<string>();
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { AllowMultipleValues = true });
        while (reader.Read())
        {
            using var envelope = JsonDocument.ParseValue(ref reader);
            Assert.Equal("audit", envelope.RootElement.GetProperty("index").GetString());
            ids.Add(envelope.RootElement.GetProperty("event").GetProperty("id").GetString()!);
        }

        return ids;
    }

    private static long Deleted(string log) =>
        System.Text.RegularExpressions.Regex.Matches(log, @"Retention: deleted (\d+) ").Sum(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));

    internal static async Task<DropboxSimulator> StartSimulatorAsync(int events = Events) =>
        await DropboxSimulator.StartAsync(
            new DropboxSimulatorOptions { EventCount = events, Seed = 11 }, new FakeTimeProvider(CliRunner.Now), TestContext.Current.CancellationToken);

    internal static string Config(DropboxSimulator simulator, LoopbackTcpReceiver receiver, string listen = "off", string journal = "") =>
        Config(simulator, $"tcp://127.0.0.1:{receiver.Port}", "json", listen, journal);

    internal static string Config(DropboxSimulator simulator, string siemEndpoint, string siemFormat, string listen = "off", string journal = "") => $"""
        {journal}
        listen: {listen}
        log:
          level: debug
        sources:
          - name: dbx
            type: dropbox
            api_url: {simulator.BaseUrl}
            start: 1500d
            interval: 1m
            credentials:
              access_token: {"${DROPBOX_ACCESS_TOKEN}"}
        sinks:
          - name: archive
            type: file
            path: archive.jsonl
            format: json
          - name: siem
            type: syslog
            endpoint: {siemEndpoint}
            format: {siemFormat}
        """;

    internal static async Task<List<string>> JournalIdsAsync(DaemonHarness daemon)
    {
        await using var journal = await SqliteJournalFactory.OpenAsync(
            new SqliteJournalOptions { Path = daemon.Directory.Combine("auditbridge.db"), Shared = true }, TimeProvider.System, TestContext.Current.CancellationToken);
        var entries = await journal.ReadAsync(0, 1_000_000, TestContext.Current.CancellationToken);
        return [.. entries.Select(e => e.Event.Id)];
    }

    internal static List<string> FileIds(TempDirectory directory) =>
        [.. File.ReadLines(directory.Combine("archive.jsonl")).Select(IdOf)];

    /// <summary>The ids of the complete lines only: for reading a file another process may be writing (or was killed writing).</summary>
    internal static List<string> CompleteFileIds(TempDirectory directory)
    {
        var text = File.ReadAllText(directory.Combine("archive.jsonl"));
        return [.. text[..(text.LastIndexOf('\n') + 1)].Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(IdOf)];
    }

    internal static List<string> ReceiverIds(LoopbackTcpReceiver receiver) =>
        [.. receiver.RecordStrings().Select(r => IdOf(r[r.IndexOf('{', StringComparison.Ordinal)..]))];

    private static string IdOf(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("id").GetString()!;
    }

    private static async Task<StatusReport> StatusAsync(DaemonHarness daemon)
    {
        var config = daemon.Load();
        await using var journal = await SqliteJournalFactory.OpenAsync(
            new SqliteJournalOptions { Path = config.Journal.Path, Shared = true }, TimeProvider.System, TestContext.Current.CancellationToken);
        return await config.ReadStatusAsync(journal, daemon.Time.GetUtcNow(), TestContext.Current.CancellationToken);
    }

    // The extra source was appended at the end of the document; sources must come before sinks only for readability.
    private static string MoveSourceBeforeSinks(string yaml)
    {
        var extra = yaml.IndexOf("  - name: revoked", StringComparison.Ordinal);
        var source = yaml[extra..];
        var rest = yaml[..extra];
        var sinks = rest.IndexOf("sinks:", StringComparison.Ordinal);
        return rest[..sinks] + source.TrimEnd() + "\n" + rest[sinks..];
    }
}
