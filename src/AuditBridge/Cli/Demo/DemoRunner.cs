using System.Globalization;
using System.Text;
using System.Text.Json;
using AuditBridge.Cli.Terminal;
using AuditBridge.Shell;
using AuditBridge.Simulators.Box;
using AuditBridge.Simulators.Dashlane;
using AuditBridge.Simulators.Dropbox;

namespace AuditBridge.Cli.Demo;

/// <summary>
/// <c>auditbridge demo</c>: the three vendors through the real code path, one part each, then the files. Dropbox and Box
/// run their simulators in-process on loopback and the real <c>pull dropbox</c>/<c>pull box</c> against them (faults on
/// the way); Dashlane, which is only reachable through the Dashlane CLI, gets a generated <c>dcli team logs</c> export
/// that the real <c>pull dashlane --input</c> reads (docs/demo.md). Every vendor is pulled four times (CEF with a state
/// file, LEEF, JSON lines, CSV) and then shown: a sample of each format and a summary.
/// </summary>
/// <remarks>A part is one method returning an exit code; a new part (say, the daemon) is one more entry in <see cref="Parts"/>.</remarks>
internal static class DemoRunner
{
    public const string OutputDirectory = "demo-output";

    /// <summary>The generated export <c>pull dashlane --input</c> reads, as <c>dcli team logs</c> prints it.</summary>
    public const string DashlaneExportFile = "dashlane-dcli-export.jsonl";

    private static readonly (string Title, Func<CliContext, int, CommandLine, Task<int>> RunAsync)[] Parts =
    [
        ("Dropbox Business team log", RunDropboxAsync),
        ("Box enterprise events", RunBoxAsync),
        ("Dashlane team audit logs", RunDashlaneAsync),
    ];

    private static readonly (string Format, string Extension, string Title)[] Formats =
    [
        ("cef", "cef", "CEF (ArcSight, Sentinel, Splunk) with a state file"),
        ("leef", "leef", "LEEF 2.0 (QRadar)"),
        ("json", "jsonl", "JSON lines: normalized fields, indicators, and the vendor's event unchanged"),
        ("csv", "csv", "CSV for spreadsheets"),
    ];

    /// <param name="context">The console, clock and working directory.</param>
    /// <param name="eventCount">Simulated events per vendor.</param>
    /// <param name="commandLine">Runs an <c>auditbridge</c> command line in this process: the demo's pulls take the real code path.</param>
    public static async Task<int> RunAsync(CliContext context, int eventCount, CommandLine commandLine)
    {
        var output = Path.Combine(context.WorkingDirectory, OutputDirectory);
        Directory.CreateDirectory(output);
        foreach (var old in Directory.GetFiles(output).Where(IsDemoFile))
        {
            File.Delete(old);
        }

        await context.Out.WriteLineAsync($"AuditBridge demo: {Parts.Length} vendors, {eventCount:N0} events each, through the real pull code path into ./{OutputDirectory}/.");
        await context.Out.WriteLineAsync();
        for (var i = 0; i < Parts.Length; i++)
        {
            var (title, run) = Parts[i];
            await context.Out.WriteLineAsync($"=== Part {i + 1}/{Parts.Length}: {title} ===");
            var exitCode = await run(context, eventCount, commandLine);
            if (exitCode != ExitCodes.Success)
            {
                await context.Out.WriteLineAsync($"The pull ended with exit code {exitCode}; see the message above.");
                return exitCode;
            }

            await context.Out.WriteLineAsync();
        }

        await ShowFilesAsync(context.Out, output);
        return ExitCodes.Success;
    }

    private static async Task<int> RunDropboxAsync(CliContext context, int eventCount, CommandLine commandLine)
    {
        var options = new DropboxSimulatorOptions { EventCount = eventCount, Seed = 42 };
        await using var simulator = await DropboxSimulator.StartAsync(options, context.Time, context.Termination);
        var say = context.Out;
        await say.WriteLineAsync($"A simulated Dropbox Business team API on {simulator.BaseUrl}");
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

        simulator.Faults.Enqueue(DropboxFault.RateLimited(2, RetryAfterIn.Header) with { Route = DropboxRoute.Continue });
        simulator.Faults.Enqueue(DropboxFault.ServerError(503) with { Route = DropboxRoute.Continue });
        simulator.Faults.Enqueue(DropboxFault.ExpireAccessToken() with { Route = DropboxRoute.Continue });
        simulator.Faults.Enqueue(DropboxFault.ResetCursor() with { Route = DropboxRoute.Continue });

        var exitCode = await PullInEveryFormatAsync(With(context, environment), commandLine, "dropbox", ["pull", "dropbox", "--api-url", simulator.BaseUrl.ToString(), "--limit", "500"]);
        return exitCode == ExitCodes.Success
            ? await ShowSampleAndSummaryAsync(context, "dropbox", "./auditbridge pull dropbox --help   (a real team token goes in DROPBOX_ACCESS_TOKEN or ./.env, never on the command line)")
            : exitCode;
    }

    private static async Task<int> RunBoxAsync(CliContext context, int eventCount, CommandLine commandLine)
    {
        var options = new BoxSimulatorOptions { EventCount = eventCount, Seed = 42, HostileEvery = 25 };
        await using var simulator = await BoxSimulator.StartAsync(options, context.Time, context.Termination);
        var say = context.Out;
        await say.WriteLineAsync($"A simulated Box API (admin_logs and the Client Credentials token endpoint) on {simulator.BaseUrl}");
        await say.WriteLineAsync($"  {eventCount:N0} enterprise events over {simulator.Events.EventTypes.Count} event types (sign-ins, uploads and downloads, collaborations, shared links, admin and Shield events), stream positions above 2^53, and hostile values.");
        await say.WriteLineAsync("  On the way the simulator answers with a server error (503), a rate limit (429, Retry-After 1 s) and an expired access token.");
        await say.WriteLineAsync();

        var environment = new Dictionary<string, string>(context.Environment, StringComparer.Ordinal)
        {
            ["BOX_CLIENT_ID"] = options.ClientId,
            ["BOX_CLIENT_SECRET"] = options.ClientSecret,
            ["BOX_ENTERPRISE_ID"] = options.EnterpriseId,
        };
        environment.Remove("BOX_DEVELOPER_TOKEN");

        simulator.Faults.Enqueue(BoxFault.ServerError(503));
        simulator.Faults.Enqueue(BoxFault.RateLimited(1));
        simulator.Faults.Enqueue(BoxFault.ExpireAccessToken());

        var exitCode = await PullInEveryFormatAsync(With(context, environment), commandLine, "box", ["pull", "box", "--api-url", simulator.BaseUrl.ToString(), "--limit", "500"]);
        return exitCode == ExitCodes.Success
            ? await ShowSampleAndSummaryAsync(context, "box", "./auditbridge pull box --help   (BOX_CLIENT_ID, BOX_CLIENT_SECRET and BOX_ENTERPRISE_ID, or --box-config for a JWT app)")
            : exitCode;
    }

    private static async Task<int> RunDashlaneAsync(CliContext context, int eventCount, CommandLine commandLine)
    {
        // Dashlane's audit logs are only reachable through the Dashlane CLI's encrypted channel, so there is no API to
        // simulate: the demo writes what `dcli team logs` prints (newest first, the CLI's order) and runs the real
        // `pull dashlane --input` on it, the seed's cron recipe. `pull dashlane` without --input runs dcli itself.
        var logs = DashlaneLogGenerator.Generate(new DashlaneLogGeneratorOptions { Count = eventCount, Seed = 42 });
        var export = new StringBuilder(eventCount * 400);
        foreach (var log in logs.OrderByDescending(l => l.DateTimeMs))
        {
            export.Append(log.Line).Append('\n');
        }

        var exportPath = Path.Combine(context.WorkingDirectory, OutputDirectory, DashlaneExportFile);
        await File.WriteAllTextAsync(exportPath, export.ToString(), context.Termination);
        var say = context.Out;
        await say.WriteLineAsync($"A generated Dashlane team audit-log export: {OutputDirectory}/{DashlaneExportFile}, as `dcli team logs` prints it");
        await say.WriteLineAsync($"  {eventCount:N0} logs over {logs.Select(l => l.LogType).Distinct(StringComparer.Ordinal).Count()} log types in {logs.Select(l => l.Category).Distinct(StringComparer.Ordinal).Count()} categories (devices, SSO, account recovery, sharing, sensitive credential use …), some properties sent as JSON strings, and hostile values.");
        await say.WriteLineAsync("  With DASHLANE_ENROLLED_TEAM_DEVICE_KEYS set, `pull dashlane --start-time 7d` runs dcli itself instead.");
        await say.WriteLineAsync();

        var exitCode = await PullInEveryFormatAsync(context, commandLine, "dashlane", ["pull", "dashlane", "--input", $"{OutputDirectory}/{DashlaneExportFile}"]);
        return exitCode == ExitCodes.Success
            ? await ShowSampleAndSummaryAsync(context, "dashlane", "./auditbridge pull dashlane --help   (the team device keys stay in DASHLANE_ENROLLED_TEAM_DEVICE_KEYS, passed to dcli untouched)")
            : exitCode;
    }

    /// <summary>Runs <paramref name="pull"/> once per format, writing <c>demo-output/&lt;vendor&gt;.&lt;extension&gt;</c>.</summary>
    private static async Task<int> PullInEveryFormatAsync(CliContext context, CommandLine commandLine, string vendor, string[] pull)
    {
        var say = context.Out;
        for (var i = 0; i < Formats.Length; i++)
        {
            var (format, extension, title) = Formats[i];
            string[] args = ["--format", format, "--output", $"{OutputDirectory}/{vendor}.{extension}"];
            if (i == 0)
            {
                args = [.. args, "--state", $"{OutputDirectory}/{vendor}-{format}.state.json"];
            }

            string[] command = [.. pull, .. args];
            await say.WriteLineAsync($"{i + 1}/{Formats.Length} {title}");
            await say.WriteLineAsync($"    $ auditbridge {string.Join(' ', command)}");
            await say.FlushAsync();
            var exitCode = await commandLine(command, context);
            if (exitCode != ExitCodes.Success)
            {
                return exitCode;
            }
        }

        await say.WriteLineAsync();
        return ExitCodes.Success;
    }

    private static async Task<int> ShowSampleAndSummaryAsync(CliContext context, string vendor, string next)
    {
        var say = context.Out;
        var output = Path.Combine(context.WorkingDirectory, OutputDirectory);
        var cef = await File.ReadAllLinesAsync(Path.Combine(output, vendor + ".cef"));
        var leef = await File.ReadAllLinesAsync(Path.Combine(output, vendor + ".leef"));
        var json = await File.ReadAllLinesAsync(Path.Combine(output, vendor + ".jsonl"));
        await say.WriteLineAsync("Sample CEF records:");
        foreach (var line in cef.Take(2))
        {
            await say.WriteLineAsync("  " + Shorten(line, 400));
        }

        await say.WriteLineAsync("Sample LEEF record:");
        await say.WriteLineAsync("  " + Shorten(leef[0], 400));
        await say.WriteLineAsync("Sample JSON line:");
        await say.WriteLineAsync("  " + Shorten(json[0], 400));

        var categories = new Dictionary<string, int>(StringComparer.Ordinal);
        var severities = new int[11];
        var actors = new Dictionary<string, int>(StringComparer.Ordinal);
        var indicators = new HashSet<string>(StringComparer.Ordinal);
        var withIndicators = 0;
        foreach (var line in json)
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var category = root.GetProperty("category").GetString()!;
            categories[category] = categories.GetValueOrDefault(category) + 1;
            severities[Math.Clamp(root.GetProperty("severity").GetInt32(), 0, 10)]++;
            var actor = root.TryGetProperty("actor", out var a) && a.TryGetProperty("kind", out var kind) ? kind.GetString()! : "(none)";
            actors[actor] = actors.GetValueOrDefault(actor) + 1;
            if (root.TryGetProperty("indicators", out var list))
            {
                withIndicators++;
                foreach (var indicator in list.EnumerateArray())
                {
                    indicators.Add(indicator.GetString()!);
                }
            }
        }

        await say.WriteLineAsync($"Summary: {json.Length:N0} events in {categories.Count} categories.");
        await say.WriteLineAsync("  Top categories: " + string.Join(", ", categories.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Take(8).Select(c => $"{c.Key} {c.Value:N0}")));
        await say.WriteLineAsync("  Actors:         " + string.Join(", ", actors.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value:N0}")));
        await say.WriteLineAsync("  Severity:       " + string.Join(", ", severities.Select((count, level) => (count, level)).Where(s => s.count > 0).Select(s => $"{s.level}: {s.count:N0}")));
        await say.WriteLineAsync($"  Indicators:     {withIndicators:N0} events name e-mail addresses, user names or IP addresses; {indicators.Count:N0} distinct values.");
        await say.WriteLineAsync("Next: " + next);
        return ExitCodes.Success;
    }

    private static async Task ShowFilesAsync(TextWriter say, string output)
    {
        await say.WriteLineAsync("Files:");
        foreach (var file in Directory.GetFiles(output).Where(IsDemoFile).Order(StringComparer.Ordinal))
        {
            var info = new FileInfo(file);
            await say.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {Path.Combine(OutputDirectory, info.Name),-44} {info.Length,12:N0} bytes"));
        }
    }

    private static bool IsDemoFile(string path)
    {
        var name = Path.GetFileName(path);
        return name.StartsWith("dropbox", StringComparison.Ordinal) || name.StartsWith("box", StringComparison.Ordinal) || name.StartsWith("dashlane", StringComparison.Ordinal);
    }

    private static CliContext With(CliContext context, IReadOnlyDictionary<string, string> environment) => new()
    {
        Environment = environment,
        WorkingDirectory = context.WorkingDirectory,
        StandardInput = context.StandardInput,
        StandardOutput = context.StandardOutput,
        Out = context.Out,
        Error = context.Error,
        Time = context.Time,
        IsErrorInteractive = context.IsErrorInteractive,
        Termination = context.Termination,
        TerminationExitCode = context.TerminationExitCode,
    };

    private static string Shorten(string line, int max) => line.Length <= max ? line : string.Concat(line.AsSpan(0, max), " …");
}
