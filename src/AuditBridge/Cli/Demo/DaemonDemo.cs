using System.Globalization;
using AuditBridge.Cli.Terminal;
using AuditBridge.Configuration;
using AuditBridge.Daemon;
using AuditBridge.Journal;
using AuditBridge.Pipeline;
using AuditBridge.Simulators.Box;
using AuditBridge.Simulators.Dropbox;

namespace AuditBridge.Cli.Demo;

/// <summary>
/// The daemon part of the demo: the Dropbox and Box simulators (three days and one day of history, then a new event
/// every 10 s each), <c>auditbridge run</c> with a file sink and a TCP syslog sink whose receiver is down at first,
/// vendor faults on the way, <c>status</c> while the receiver is down and again at the end.
/// </summary>
internal static class DaemonDemo
{
    public static async Task<int> RunAsync(CliContext context, string output, TimeSpan duration)
    {
        var say = context.Out;
        var directory = Path.Combine(output, "daemon");
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.CreateDirectory(directory);
        var now = context.Time.GetUtcNow();

        // The vendors stop publishing a little before the end, so the demo can wait for a poll that found nothing new and
        // end with every sink caught up. It also bounds the story on a fast fake clock, where events would never stop.
        var lastEventTime = now + (duration > QuietEnd ? duration - QuietEnd : TimeSpan.Zero);
        var dropboxOptions = new DropboxSimulatorOptions { Seed = 7, FirstEventTime = now - TimeSpan.FromDays(3), LastEventTime = lastEventTime };
        var boxOptions = new BoxSimulatorOptions { Seed = 7, FirstEventTime = now - TimeSpan.FromDays(1), LastEventTime = lastEventTime };
        await using var dropbox = await DropboxSimulator.StartAsync(dropboxOptions, context.Time, context.Termination);
        await using var box = await BoxSimulator.StartAsync(boxOptions, context.Time, context.Termination);
        await using var receiver = DemoSyslogReceiver.Start(Path.Combine(directory, "syslog-received.log"));
        receiver.GoDown();
        dropbox.Faults.Enqueue(DropboxFault.RateLimited(1, RetryAfterIn.Header) with { Route = DropboxRoute.Continue });
        dropbox.Faults.Enqueue(DropboxFault.ServerError(503) with { Route = DropboxRoute.Continue });
        box.Faults.Enqueue(BoxFault.ServerError(502));

        var configPath = Path.Combine(directory, "auditbridge.yaml");
        await File.WriteAllTextAsync(configPath, Config(dropbox, box, receiver), context.Termination);
        var environment = new Dictionary<string, string>(context.Environment, StringComparer.Ordinal)
        {
            ["DEMO_DROPBOX_TOKEN"] = dropboxOptions.AccessToken,
            ["DEMO_BOX_TOKEN"] = boxOptions.DeveloperToken,
        };
        var config = DaemonConfigLoader.Load(configPath, Path.Combine(DemoRunner.OutputDirectory, "daemon", "auditbridge.yaml"), environment);

        await say.WriteLineAsync("The daemon: auditbridge run --config " + config.File);
        await say.WriteLineAsync("  Sources: simulated Dropbox (3 days of history) and Box (1 day), then a new event every 10 s each until shortly before the end.");
        await say.WriteLineAsync($"  Sinks: a JSON-lines file, and CEF over TCP syslog to a receiver on port {receiver.Port} that is DOWN at first.");
        await say.WriteLineAsync("  Faults: Dropbox answers 429 and 503, Box 502; the daemon's log (demo-output/daemon/daemon.log) shows the retries.");
        await say.WriteLineAsync();

        var progress = new DemoProgress();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.Termination);
        await using var log = new StreamWriter(Path.Combine(directory, "daemon.log"));
        var runtime = new BridgeRuntime { Time = context.Time, Log = TextWriter.Synchronized(log), Observer = progress };
        var started = context.Time.GetUtcNow();
        var daemon = Task.Run(() => BridgeHost.RunAsync(config, runtime, stop.Token), CancellationToken.None);
        try
        {
            await progress.WaitAsync(p => p.Delivered("archive") > 0 && p.Delivered("archive") >= p.Stored && p.CaughtUp.Count == 2, daemon);
            await say.WriteLineAsync($"Backfill stored and in the file; the syslog receiver is still down, its events wait in the journal:");
            await PrintStatusAsync(context, config);

            receiver.Listen();
            await say.WriteLineAsync($"The receiver is back on port {receiver.Port}: the syslog sink catches up, in order.");
            await progress.WaitAsync(p => p.Delivered("siem") >= p.Stored, daemon);
            var remaining = duration - (context.Time.GetUtcNow() - started);
            if (remaining > TimeSpan.Zero)
            {
                await say.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Caught up. Polling for new events for another {remaining.TotalSeconds:0} s ..."));
                await Task.Delay(remaining, context.Time, context.Termination);
            }

            // Monotone: once both sources polled after the last event, nothing new is stored, and the sinks only advance.
            await progress.WaitAsync(p => p.PolledAfter(lastEventTime) == 2 && p.Delivered("siem") >= p.Stored && p.Delivered("archive") >= p.Stored, daemon);
        }
        finally
        {
            await stop.CancelAsync();
        }

        var exitCode = await daemon;
        await runtime.Log.FlushAsync();
        await say.WriteLineAsync();
        await say.WriteLineAsync("Status at the end (auditbridge status --config " + config.File + "):");
        await PrintStatusAsync(context, config);
        await say.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"The syslog receiver got {receiver.Received:N0} CEF messages ({Path.Combine(DemoRunner.OutputDirectory, "daemon", "syslog-received.log")}); the daemon's log is {Path.Combine(DemoRunner.OutputDirectory, "daemon", "daemon.log")}."));
        return exitCode;
    }

    /// <summary>How long before the end the simulated vendors stop publishing: one poll interval and its jitter.</summary>
    private static readonly TimeSpan QuietEnd = TimeSpan.FromSeconds(12);

    private static async Task PrintStatusAsync(CliContext context, DaemonConfig config)
    {
        await using var journal = await JournalFactory.OpenAsync(config.Journal.Location(shared: true), context.Time, context.Termination);
        var report = await config.ReadStatusAsync(journal, context.Time.GetUtcNow(), context.Termination);
        foreach (var line in StatusTable.Render(report).Split('\n'))
        {
            await context.Out.WriteLineAsync("    " + line);
        }
    }

    private static string Config(DropboxSimulator dropbox, BoxSimulator box, DemoSyslogReceiver receiver) => $$"""
        # Written by ./auditbridge demo; see docs/configuration.md.
        listen: off
        sources:
          - name: dropbox
            type: dropbox
            api_url: {{dropbox.BaseUrl}}
            interval: 10s
            start: 7d
            credentials:
              access_token: ${DEMO_DROPBOX_TOKEN}
          - name: box
            type: box
            api_url: {{box.BaseUrl}}
            interval: 10s
            start: 7d
            credentials:
              developer_token: ${DEMO_BOX_TOKEN}
        sinks:
          - name: archive
            type: file
            path: events.jsonl
            format: json
          - name: siem
            type: syslog
            endpoint: tcp://127.0.0.1:{{receiver.Port}}
            format: cef
        """;

    /// <summary>Counts what the daemon reports, and lets the demo wait for a moment in the story.</summary>
    private sealed class DemoProgress : IPipelineObserver
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<string, long> _delivered = new(StringComparer.Ordinal);
        private readonly Dictionary<string, DateTimeOffset> _pollStart = new(StringComparer.Ordinal);
        private readonly Dictionary<string, DateTimeOffset> _succeededPollStart = new(StringComparer.Ordinal);
        private readonly List<(Func<DemoProgress, bool> Condition, TaskCompletionSource Done)> _waiters = [];

        public long Stored { get; private set; }

        /// <summary>Sources that finished a poll: their backfill is stored.</summary>
        public HashSet<string> CaughtUp { get; } = new(StringComparer.Ordinal);

        public long Delivered(string sink) => _delivered.GetValueOrDefault(sink);

        /// <summary>How many sources finished a poll that started after <paramref name="time"/>.</summary>
        public int PolledAfter(DateTimeOffset time) => _succeededPollStart.Values.Count(start => start > time);

        public async Task WaitAsync(Func<DemoProgress, bool> condition, Task daemon)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gate)
            {
                if (condition(this))
                {
                    return;
                }

                _waiters.Add((condition, done));
            }

            if (await Task.WhenAny(done.Task, daemon) == daemon)
            {
                throw new InvalidOperationException("the daemon stopped early; see demo-output/daemon/daemon.log");
            }
        }

        public void PollStarted(string source, DateTimeOffset at) => Update(() => _pollStart[source] = at);

        public void PageStored(string source, int inserted, int duplicates, DateTimeOffset? newestEventTime, DateTimeOffset at) =>
            Update(() => Stored += inserted);

        public void EventsQuarantined(string source, IReadOnlyList<Sources.QuarantinedEvent> events, int newlyKept, DateTimeOffset at)
        {
        }

        public void PollSucceeded(string source, DateTimeOffset at) => Update(() =>
        {
            CaughtUp.Add(source);
            _succeededPollStart[source] = _pollStart.GetValueOrDefault(source);
        });

        public void PollFailed(string source, Exception failure, DateTimeOffset at, DateTimeOffset? retryAt)
        {
        }

        public void BatchDelivered(string sink, int events, int skipped, long position, DateTimeOffset at) =>
            Update(() => _delivered[sink] = position);

        public void DeliveryFailed(string sink, Exception failure, DateTimeOffset at, DateTimeOffset? retryAt)
        {
        }

        public void PositionRequested(string sink, long position, DateTimeOffset at) =>
            Update(() => _delivered[sink] = position);

        private void Update(Action change)
        {
            lock (_gate)
            {
                change();
                for (var i = _waiters.Count - 1; i >= 0; i--)
                {
                    if (_waiters[i].Condition(this))
                    {
                        _waiters[i].Done.TrySetResult();
                        _waiters.RemoveAt(i);
                    }
                }
            }
        }
    }
}
