using System.Diagnostics;
using AuditBridge.Journal.Sqlite;
using AuditBridge.Simulators.Dropbox;
using AuditBridge.TestKit;
using AuditBridge.TestKit.Receivers;

namespace AuditBridge.Tests.Daemon;

/// <summary>
/// The real daemon in its own process, killed with SIGKILL at random moments (while collecting, while delivering,
/// inside journal transactions) over a backlog with vendor faults, then restarted; in the end every simulated event is
/// in the journal exactly once, every sink received every event, and no position ever ran ahead of durable data.
/// </summary>
public sealed class DaemonCrashTests
{
    private const int Events = 20_000;
    private const int Kills = 8;
    private const int BatchSize = 500;

    [Fact]
    public async Task Run_KilledAtRandomPointsAndRestarted_LosesNothingAndStoresNothingTwice()
    {
        await using var simulator = await DaemonRunTests.StartSimulatorAsync(Events);
        foreach (var fault in new[]
        {
            DropboxFault.ServerError(503), DropboxFault.RateLimited(1), DropboxFault.ServerError(500), DropboxFault.ResetCursor(),
            DropboxFault.ServerError(502), DropboxFault.RateLimited(1, RetryAfterIn.Body), DropboxFault.ResetCursor(),
        })
        {
            simulator.Faults.Enqueue(fault);
        }

        await using var receiver = LoopbackTcpReceiver.Start();
        using var directory = TempDirectory.ForCaller();
        var journalPath = directory.Combine("auditbridge.db");
        File.WriteAllText(directory.Combine("auditbridge.yaml"), DaemonRunTests.Config(simulator, receiver));
        var random = new Random(20261122);

        for (var kill = 0; kill < Kills; kill++)
        {
            using var daemon = AuditBridgeProcess.Start(directory.Path, DaemonHarness.Environment, "run", "--config", "auditbridge.yaml");
            var log = new ProcessLog(daemon);

            // Progress lines are the moments worth dying at: right after a page was stored or a batch was delivered,
            // with the next append or write already under way.
            var lines = random.Next(1, 11);
            var reached = await log.WaitForAsync(l => l.Contains(" stored ", StringComparison.Ordinal) || l.Contains(" delivered ", StringComparison.Ordinal), lines);
            if (!reached)
            {
                // Everything was already collected and delivered: nothing left to interrupt.
                Assert.False(daemon.HasExited, "the daemon ended by itself:\n" + log.Text);
            }

            daemon.Kill();
            await daemon.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
            await AssertNothingRanAheadAsync(journalPath, directory);
        }

        using (var final = AuditBridgeProcess.Start(directory.Path, DaemonHarness.Environment, "run", "--config", "auditbridge.yaml"))
        {
            var log = new ProcessLog(final);
            await WaitUntilAsync(() => Delivered(directory, receiver) || final.HasExited, () => log.Text);
            Assert.Equal(0, AuditBridgeProcess.Signal(final.Id, AuditBridgeProcess.Sigterm));
            await final.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
            Assert.True(final.ExitCode == 143, $"exit {final.ExitCode}\n{log.Text}");
        }

        var journalIds = await JournalIdsAsync(journalPath);
        Assert.Equal(Events, journalIds.Count);
        Assert.Equal(Events, journalIds.Distinct(StringComparer.Ordinal).Count());
        foreach (var delivered in new[] { DaemonRunTests.FileIds(directory), DaemonRunTests.ReceiverIds(receiver) })
        {
            Assert.Equal(journalIds.ToHashSet(StringComparer.Ordinal), delivered.ToHashSet(StringComparer.Ordinal));

            // Repeats come only from a batch in flight at a kill: at most one batch per kill per sink.
            Assert.InRange(delivered.Count - Events, 0, Kills * BatchSize);
            AssertRepeatsAreReplaysOfJournalOrder(journalIds, delivered);
        }
    }

    // Every delivery run sends a contiguous stretch of the journal in order; a restart may go back at most to the
    // start of the batch in flight. So the delivered ids are journal-ordered runs, each starting at or before where
    // the previous one stopped.
    private static void AssertRepeatsAreReplaysOfJournalOrder(List<string> journalIds, List<string> delivered)
    {
        var sequenceOf = journalIds.Select((id, index) => (id, index)).ToDictionary(p => p.id, p => p.index, StringComparer.Ordinal);
        var highest = -1;
        var previous = -1;
        foreach (var id in delivered)
        {
            var sequence = sequenceOf[id];
            if (sequence != previous + 1)
            {
                Assert.True(sequence <= highest + 1, $"delivery skipped from {previous} to {sequence}");
                Assert.True(highest - sequence < BatchSize, $"a restart went back {highest - sequence + 1} events, more than a batch");
            }

            previous = sequence;
            highest = Math.Max(highest, sequence);
        }
    }

    private static async Task AssertNothingRanAheadAsync(string journalPath, TempDirectory directory)
    {
        if (!File.Exists(journalPath))
        {
            return;
        }

        await using var journal = await SqliteJournalFactory.OpenAsync(new SqliteJournalOptions { Path = journalPath, Shared = true }, TimeProvider.System, TestContext.Current.CancellationToken);
        var entries = await journal.ReadAsync(0, 1_000_000, TestContext.Current.CancellationToken);
        Assert.Equal(entries.Count, entries.Select(e => e.Event.Id).Distinct(StringComparer.Ordinal).Count());
        var head = await journal.GetHeadAsync(TestContext.Current.CancellationToken);
        var archived = await journal.GetPositionAsync("archive", TestContext.Current.CancellationToken);
        Assert.InRange(archived, 0, head);
        Assert.InRange(await journal.GetPositionAsync("siem", TestContext.Current.CancellationToken), 0, head);

        // The file sink fsyncs before its position moves: everything up to the position is in the file.
        // A batch being written when the daemon was killed may have left a torn last line; its position did not move.
        var inFile = File.Exists(directory.Combine("archive.jsonl")) ? DaemonRunTests.CompleteFileIds(directory).ToHashSet(StringComparer.Ordinal) : [];
        var missing = entries.Where(e => e.Sequence <= archived && !inFile.Contains(e.Event.Id)).Select(e => e.Sequence).ToList();
        Assert.True(missing.Count == 0, $"position {archived} ran ahead of the file: {missing.Count} events missing, first {missing.FirstOrDefault()}");
    }

    private static bool Delivered(TempDirectory directory, LoopbackTcpReceiver receiver) =>
        File.Exists(directory.Combine("archive.jsonl"))
        && DaemonRunTests.CompleteFileIds(directory).Distinct(StringComparer.Ordinal).Count() == Events
        && DaemonRunTests.ReceiverIds(receiver).Distinct(StringComparer.Ordinal).Count() == Events;

    private static async Task<List<string>> JournalIdsAsync(string journalPath)
    {
        await using var journal = await SqliteJournalFactory.OpenAsync(new SqliteJournalOptions { Path = journalPath, Shared = true }, TimeProvider.System, TestContext.Current.CancellationToken);
        return [.. (await journal.ReadAsync(0, 1_000_000, TestContext.Current.CancellationToken)).Select(e => e.Event.Id)];
    }

    private static async Task WaitUntilAsync(Func<bool> condition, Func<string> context)
    {
        // Another process does the work (real I/O and real time): poll with a real deadline.
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "not everything was delivered within 120 s:\n" + context());
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>The child's stderr, line by line as it arrives.</summary>
    private sealed class ProcessLog
    {
        private readonly Lock _gate = new();
        private readonly List<string> _lines = [];
        private readonly Process _process;
        private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private (Func<string, bool> Match, int Count, TaskCompletionSource<bool> Done)? _waiter;
        private int _matched;

        public ProcessLog(Process process)
        {
            _process = process;
            process.ErrorDataReceived += (_, e) => Add(e.Data);
            process.OutputDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
        }

        public string Text
        {
            get
            {
                lock (_gate)
                {
                    return string.Join('\n', _lines);
                }
            }
        }

        /// <summary>True once <paramref name="count"/> lines matched; false when the log ended first.</summary>
        public async Task<bool> WaitForAsync(Func<string, bool> match, int count)
        {
            var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gate)
            {
                _matched = _lines.Count(match);
                if (_matched >= count)
                {
                    return true;
                }

                _waiter = (match, count, done);
            }

            var finished = await Task.WhenAny(done.Task, _closed.Task).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
            Assert.False(finished != done.Task && !_process.HasExited, "no progress within 60 s:\n" + Text);
            return finished == done.Task && done.Task.Result;
        }

        private void Add(string? line)
        {
            lock (_gate)
            {
                if (line is null)
                {
                    _closed.TrySetResult();
                    return;
                }

                _lines.Add(line);
                if (_waiter is { } waiter && waiter.Match(line) && ++_matched >= waiter.Count)
                {
                    waiter.Done.TrySetResult(true);
                    _waiter = null;
                }
            }
        }
    }
}
