using System.Diagnostics;
using System.Globalization;
using AuditBridge.Journal.Sqlite;
using AuditBridge.Simulators.Dropbox;

namespace AuditBridge.Benchmarks;

/// <summary>
/// The daemon during a backfill, as an operator runs it: the Dropbox simulator in this process, the real
/// <c>auditbridge run</c> in its own process collecting into its SQLite journal (synchronous=FULL) and delivering CEF
/// over TCP syslog to a loopback receiver. Reports the time until everything is stored and until everything is
/// delivered, events/s overall (from process start, so start-up and JIT count) and sustained (from 10 % to 90 %
/// delivered, the backfill's steady state), peak RSS, and the CPU the idle daemon uses between polls afterwards.
/// </summary>
/// <example>dotnet artifacts/bin/AuditBridge.Benchmarks/release/AuditBridge.Benchmarks.dll daemon --events 100000,1000000 --idle 20</example>
internal static class DaemonBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var counts = EndToEndBenchmark.Value(args, "--events", "100000,1000000").Split(',').Select(long.Parse).ToArray();
        var idle = TimeSpan.FromSeconds(int.Parse(EndToEndBenchmark.Value(args, "--idle", "20"), CultureInfo.InvariantCulture));
        var cli = Path.Combine(AppContext.BaseDirectory, "auditbridge.dll");
        Console.WriteLine($"auditbridge daemon benchmark: {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        Console.WriteLine();
        Console.WriteLine("| events | stored after s | delivered after s | events/s (delivered, incl. start-up) | events/s sustained (10 % → 90 % delivered) | peak RSS MB | idle CPU % |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var count in counts)
        {
            var scratch = Directory.CreateTempSubdirectory("auditbridge-daemon-");
            try
            {
                await using var simulator = await DropboxSimulator.StartAsync(new DropboxSimulatorOptions { EventCount = count, Seed = 1 });
                await using var drain = new DrainReceiver();
                var config = Path.Combine(scratch.FullName, "auditbridge.yaml");
                await File.WriteAllTextAsync(config, $"""
                    listen: off
                    log:
                      level: warning
                    sources:
                      - name: dropbox
                        type: dropbox
                        api_url: {simulator.BaseUrl}
                        start: 1500d
                        interval: 5m
                        credentials:
                          access_token: ${"{"}DROPBOX_ACCESS_TOKEN{"}"}
                    sinks:
                      - name: siem
                        type: syslog
                        endpoint: tcp://127.0.0.1:{drain.Port}
                        format: cef
                    """);
                var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = scratch.FullName };
                foreach (var arg in new[] { cli, "run", "--config", config })
                {
                    start.ArgumentList.Add(arg);
                }

                start.Environment["DROPBOX_ACCESS_TOKEN"] = "sim-access-token";
                var clock = Stopwatch.StartNew();
                using var process = Process.Start(start)!;
                var stderr = process.StandardError.ReadToEndAsync();
                TimeSpan? stored = null;
                (TimeSpan At, long Position)? tenth = null;
                (TimeSpan At, long Position)? ninth = null;
                long peak = 0;
                var journalPath = Path.Combine(scratch.FullName, "auditbridge.db");
                while (true)
                {
                    peak = Math.Max(peak, EndToEndBenchmark.PeakRss(process.Id));
                    if (process.HasExited)
                    {
                        Console.Error.WriteLine(await stderr);
                        return 1;
                    }

                    var (head, position) = await ProgressAsync(journalPath);
                    stored ??= head >= count ? clock.Elapsed : null;
                    tenth ??= position >= count / 10 ? (clock.Elapsed, position) : null;
                    ninth ??= position >= count * 9 / 10 ? (clock.Elapsed, position) : null;
                    if (position >= count)
                    {
                        break;
                    }

                    await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
                }

                var delivered = clock.Elapsed;
                var before = CpuTicks(process.Id);
                var idleClock = Stopwatch.StartNew();
                await Task.Delay(idle, TimeProvider.System);
                var cpu = (CpuTicks(process.Id) - before) / 100.0 / idleClock.Elapsed.TotalSeconds * 100;
                peak = Math.Max(peak, EndToEndBenchmark.PeakRss(process.Id));
                process.Kill(entireProcessTree: false);
                await process.WaitForExitAsync();
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {count:N0} | {stored?.TotalSeconds:F2} | {delivered.TotalSeconds:F2} | {count / delivered.TotalSeconds:N0} | {Sustained(tenth, ninth)} | {peak / 1024.0:F0} | {cpu:F2} |"));
            }
            finally
            {
                scratch.Delete(recursive: true);
            }
        }

        return 0;
    }

    /// <summary>Events/s between the first look at 10 % delivered and the first at 90 % (looks are 100 ms apart).</summary>
    private static string Sustained((TimeSpan At, long Position)? from, (TimeSpan At, long Position)? to) =>
        from is { } a && to is { } b && b.At > a.At
            ? ((b.Position - a.Position) / (b.At - a.At).TotalSeconds).ToString("N0", CultureInfo.InvariantCulture)
            : "-";

    private static async Task<(long Head, long Position)> ProgressAsync(string journalPath)
    {
        if (!File.Exists(journalPath))
        {
            return (0, 0);
        }

        try
        {
            await using var journal = await SqliteJournalFactory.OpenAsync(new SqliteJournalOptions { Path = journalPath, Shared = true }, TimeProvider.System, CancellationToken.None);
            return (await journal.GetHeadAsync(CancellationToken.None), await journal.GetPositionAsync("siem", CancellationToken.None));
        }
        catch (Journal.JournalException)
        {
            // The daemon is creating the journal right now.
            return (0, 0);
        }
    }

    /// <summary>utime + stime of the process in clock ticks (1/100 s on Linux).</summary>
    private static long CpuTicks(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }
}
