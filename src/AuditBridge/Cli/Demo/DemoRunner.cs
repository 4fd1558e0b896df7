using System.Globalization;
using System.Text.Json;
using AuditBridge.Simulators.Dropbox;

namespace AuditBridge.Cli.Demo;

/// <summary>
/// Starts the Dropbox simulator and runs the real <c>pull dropbox</c> against it three times (CEF with a state file and
/// faults on the way, JSON lines, CSV), then shows a sample and a summary of what was written.
/// </summary>
internal static class DemoRunner
{
    public const string OutputDirectory = "demo-output";

    public static async Task<int> RunAsync(CliContext context, int eventCount)
    {
        var output = Path.Combine(context.WorkingDirectory, OutputDirectory);
        Directory.CreateDirectory(output);
        foreach (var old in Directory.GetFiles(output, "dropbox*"))
        {
            File.Delete(old);
        }

        var options = new DropboxSimulatorOptions { EventCount = eventCount, Seed = 42 };
        await using var simulator = await DropboxSimulator.StartAsync(options, context.Time, context.Termination);
        var say = context.Out;
        await say.WriteLineAsync($"AuditBridge demo: a simulated Dropbox Business team API on {simulator.BaseUrl}");
        await say.WriteLineAsync($"  {eventCount:N0} team events over every category, every actor kind, and hostile values (pipes, '=', line breaks, forged CEF records, 5,000-character names).");
        await say.WriteLineAsync("  On the way the simulator answers with a rate limit (429, Retry-After 2 s), a server error (503), an expired access token and a cursor reset.");
        await say.WriteLineAsync();

        // Credentials as a user gives them: a refresh token and the app's key and secret, in the environment only.
        var environment = new Dictionary<string, string>(context.Environment, StringComparer.Ordinal)
        {
            ["DROPBOX_REFRESH_TOKEN"] = options.RefreshToken,
            ["DROPBOX_APP_KEY"] = options.AppKey,
            ["DROPBOX_APP_SECRET"] = options.AppSecret,
        };
        environment.Remove("DROPBOX_ACCESS_TOKEN");
        var demoContext = new CliContext
        {
            Environment = environment,
            WorkingDirectory = context.WorkingDirectory,
            StandardOutput = context.StandardOutput,
            Out = context.Out,
            Error = context.Error,
            Time = context.Time,
            IsErrorInteractive = context.IsErrorInteractive,
            Termination = context.Termination,
            TerminationExitCode = context.TerminationExitCode,
        };

        simulator.Faults.Enqueue(DropboxFault.RateLimited(2, RetryAfterIn.Header) with { Route = DropboxRoute.Continue });
        simulator.Faults.Enqueue(DropboxFault.ServerError(503) with { Route = DropboxRoute.Continue });
        simulator.Faults.Enqueue(DropboxFault.ExpireAccessToken() with { Route = DropboxRoute.Continue });
        simulator.Faults.Enqueue(DropboxFault.ResetCursor() with { Route = DropboxRoute.Continue });

        var runs = new (string Title, string[] Args)[]
        {
            ("CEF (ArcSight, Sentinel, QRadar via CEF) with a state file", ["--format", "cef", "--output", $"{OutputDirectory}/dropbox.cef", "--state", $"{OutputDirectory}/dropbox-cef.state.json"]),
            ("JSON lines: normalized fields plus the vendor's event unchanged", ["--format", "json", "--output", $"{OutputDirectory}/dropbox.jsonl"]),
            ("CSV for spreadsheets", ["--format", "csv", "--output", $"{OutputDirectory}/dropbox.csv"]),
        };
        for (var i = 0; i < runs.Length; i++)
        {
            var (title, args) = runs[i];
            string[] command = ["pull", "dropbox", "--api-url", simulator.BaseUrl.ToString(), "--limit", "500", .. args];
            await say.WriteLineAsync($"{i + 1}/{runs.Length} {title}");
            await say.WriteLineAsync($"    $ auditbridge {string.Join(' ', command)}");
            await say.FlushAsync();
            var exitCode = await CliApplication.RunAsync(command, demoContext);
            if (exitCode != ExitCodes.Success)
            {
                await say.WriteLineAsync($"The pull ended with exit code {exitCode}; see the message above.");
                return exitCode;
            }

            await say.WriteLineAsync();
        }

        await ShowSampleAndSummaryAsync(say, output);
        return ExitCodes.Success;
    }

    private static async Task ShowSampleAndSummaryAsync(TextWriter say, string output)
    {
        var cef = await File.ReadAllLinesAsync(Path.Combine(output, "dropbox.cef"));
        var json = await File.ReadAllLinesAsync(Path.Combine(output, "dropbox.jsonl"));
        await say.WriteLineAsync("Sample CEF records:");
        foreach (var line in cef.Take(3))
        {
            await say.WriteLineAsync("  " + Shorten(line, 400));
        }

        await say.WriteLineAsync();
        await say.WriteLineAsync("Sample JSON line:");
        await say.WriteLineAsync("  " + Shorten(json[0], 400));
        await say.WriteLineAsync();

        var categories = new Dictionary<string, int>(StringComparer.Ordinal);
        var severities = new int[11];
        var actors = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in json)
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var category = root.GetProperty("category").GetString()!;
            categories[category] = categories.GetValueOrDefault(category) + 1;
            severities[Math.Clamp(root.GetProperty("severity").GetInt32(), 0, 10)]++;
            var actor = root.TryGetProperty("actor", out var a) && a.TryGetProperty("kind", out var kind) ? kind.GetString()! : "(none)";
            actors[actor] = actors.GetValueOrDefault(actor) + 1;
        }

        await say.WriteLineAsync($"Summary: {json.Length:N0} events in {categories.Count} categories.");
        await say.WriteLineAsync("  Top categories: " + string.Join(", ", categories.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Take(8).Select(c => $"{c.Key} {c.Value:N0}")));
        await say.WriteLineAsync("  Actors:         " + string.Join(", ", actors.OrderByDescending(c => c.Value).Select(c => $"{c.Key} {c.Value:N0}")));
        await say.WriteLineAsync("  Severity:       " + string.Join(", ", severities.Select((count, level) => (count, level)).Where(s => s.count > 0).Select(s => $"{s.level}: {s.count:N0}")));
        await say.WriteLineAsync("Files:");
        foreach (var file in Directory.GetFiles(output, "dropbox*").Order(StringComparer.Ordinal))
        {
            var info = new FileInfo(file);
            await say.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {Path.Combine(OutputDirectory, info.Name),-40} {info.Length,12:N0} bytes"));
        }

        await say.WriteLineAsync();
        await say.WriteLineAsync("Next: ./auditbridge pull dropbox --help   (a real team token goes in DROPBOX_ACCESS_TOKEN or ./.env, never on the command line)");
    }

    private static string Shorten(string line, int max) => line.Length <= max ? line : string.Concat(line.AsSpan(0, max), " …");
}
