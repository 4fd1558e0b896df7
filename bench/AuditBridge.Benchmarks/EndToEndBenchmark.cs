using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using AuditBridge.Simulators.Dropbox;

namespace AuditBridge.Benchmarks;

/// <summary>
/// End to end, as a user runs it: the Dropbox simulator in this process (standing in for the API), and the real
/// <c>auditbridge pull dropbox</c> in its own process writing CEF to a file or to a TCP syslog receiver on loopback.
/// Reports wall time, events/s (with and without process start-up) and the pull's peak RSS, polled from /proc.
/// </summary>
/// <example>dotnet artifacts/bin/AuditBridge.Benchmarks/release/AuditBridge.Benchmarks.dll e2e --events 100000,1000000 --sink file,tcp --runs 3</example>
internal static partial class EndToEndBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var counts = Value(args, "--events", "100000,1000000").Split(',').Select(long.Parse).ToArray();
        var sinks = Value(args, "--sink", "file,tcp").Split(',');
        var runs = int.Parse(Value(args, "--runs", "3"), CultureInfo.InvariantCulture);
        var cli = Path.Combine(AppContext.BaseDirectory, "auditbridge.dll");
        var scratch = Directory.CreateTempSubdirectory("auditbridge-e2e-");

        Console.WriteLine($"auditbridge e2e benchmark: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {runs} runs each");
        Console.WriteLine();
        Console.WriteLine("| events | sink | run | wall s | events/s (wall) | events/s (pull loop) | peak RSS MB |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|");
        try
        {
            foreach (var count in counts)
            {
                await using var simulator = await DropboxSimulator.StartAsync(new DropboxSimulatorOptions { EventCount = count, Seed = 1 });
                foreach (var sink in sinks)
                {
                    for (var run = 1; run <= runs; run++)
                    {
                        var output = Path.Combine(scratch.FullName, "out.cef");
                        File.Delete(output);
                        await using var drain = sink == "tcp" ? new DrainReceiver() : null;
                        string[] target = drain is null ? ["--output", output] : ["--syslog", $"tcp://127.0.0.1:{drain.Port}"];
                        var result = await PullAsync(cli, simulator.BaseUrl, target);
                        if (result.ExitCode != 0)
                        {
                            Console.Error.WriteLine(result.Stderr);
                            return result.ExitCode;
                        }

                        var loopRate = LoopRate().Match(result.Stderr) is { Success: true } m ? m.Groups[1].Value : "?";
                        Console.WriteLine(string.Create(
                            CultureInfo.InvariantCulture,
                            $"| {count:N0} | {sink} | {run} | {result.Wall.TotalSeconds:F2} | {count / result.Wall.TotalSeconds:N0} | {loopRate} | {result.PeakRssKb / 1024.0:F0} |"));
                    }
                }
            }
        }
        finally
        {
            scratch.Delete(recursive: true);
        }

        return 0;
    }

    private static async Task<(int ExitCode, TimeSpan Wall, long PeakRssKb, string Stderr)> PullAsync(string cli, Uri api, string[] target)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in (string[])[cli, "pull", "dropbox", "--api-url", api.ToString(), .. target])
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DROPBOX_ACCESS_TOKEN"] = "sim-access-token";
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        long peak = 0;
        while (!process.HasExited)
        {
            peak = Math.Max(peak, PeakRss(process.Id));
            await Task.WhenAny(process.WaitForExitAsync(), Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System));
        }

        await process.WaitForExitAsync();
        clock.Stop();
        await stdout;
        return (process.ExitCode, clock.Elapsed, peak, await stderr);
    }

    /// <summary>VmHWM: the peak resident set size of the process so far, in kB (monotonic, so polling misses nothing).</summary>
    internal static long PeakRss(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            // The process just exited.
        }

        return 0;
    }

    internal static string Value(string[] args, string name, string fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
    }

    [GeneratedRegex(@"done: [\d,]+ events in [\d,]+ pages, ([\d,]+) events/s")]
    private static partial Regex LoopRate();
}
