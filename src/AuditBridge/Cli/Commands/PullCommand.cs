using System.CommandLine;
using AuditBridge.Cli.Pull;
using AuditBridge.Cli.Terminal;
using AuditBridge.Net;
using AuditBridge.Settings;
using AuditBridge.Shell;
using AuditBridge.Sources.Box;
using AuditBridge.Sources.Dashlane;
using AuditBridge.Sources.Dropbox;
using AuditBridge.Sources.Http;

namespace AuditBridge.Cli.Commands;

/// <summary><c>auditbridge pull &lt;vendor&gt;</c>: one-shot pulls that stream from the vendor straight to the outputs.</summary>
internal static class PullCommand
{
    public static Command Create(CliContext context)
    {
        var pull = new Command("pull", "Pull a vendor's audit events once and write them as CEF, JSON lines or CSV to stdout, a file or syslog.");
        pull.Add(CreateDropbox(context));
        pull.Add(CreateBox(context));
        pull.Add(CreateDashlane(context));
        return pull;
    }

    /// <summary>Parses the vendor's options and the shared ones, then runs the shared pull; a usage error exits 2.</summary>
    internal static void SetPullAction(Command command, PullOptionSet shared, CliContext context, Func<ParseResult, VendorPull> vendor)
    {
        command.SetAction(async (result, _) =>
        {
            CommonPullRequest common;
            VendorPull parsed;
            try
            {
                common = shared.Read(result, context);
                parsed = vendor(result);
            }
            catch (UsageException usage)
            {
                await context.Error.WriteLineAsync("error: " + usage.Message);
                return usage.ExitCode;
            }

            return await PullService.RunAsync(common, parsed, context);
        });
    }

    /// <summary>A vendor URL: https://, or http:// to this host or with --allow-insecure-http; never user:password@.</summary>
    internal static Uri ParseUrl(string option, string text, bool allowInsecureHttp)
    {
        if (!Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var url))
        {
            throw new UsageException($"{option}: '{UrlPolicy.Shown(text)}' is not an https:// URL");
        }

        return VendorEndpoint.Check(url, option, allowInsecureHttp, "--allow-insecure-http") is { } problem ? throw new UsageException(problem) : url;
    }

    private static Command CreateBox(CliContext context)
    {
        var command = new Command(
            "box",
            "Pull Box enterprise events (GET /2.0/events, admin_logs or admin_logs_streaming). Credentials: BOX_CLIENT_ID + BOX_CLIENT_SECRET + BOX_ENTERPRISE_ID (Client Credentials Grant), or --box-config FILE (JWT), or BOX_DEVELOPER_TOKEN; from the environment or ./.env.");
        var boxConfig = new Option<string?>("--box-config") { Description = "The JWT app's config JSON from the Box Developer Console (the key's passphrase from the file or BOX_JWT_PASSPHRASE).", HelpName = "FILE" };
        var apiUrl = new Option<string>("--api-url") { Description = "Box API base URL (a simulator or proxy).", DefaultValueFactory = _ => BoxSourceOptions.DefaultApiUrl.ToString() };
        var oauthUrl = new Option<string?>("--oauth-url") { Description = "Where /oauth2/token lives (default: the API host)." };
        var stream = new Option<string>("--stream") { Description = "admin_logs (time filters, ordered by stream position) or admin_logs_streaming (two weeks, repeats, unordered).", DefaultValueFactory = _ => "admin_logs" };
        var startTime = new Option<string?>("--start-time", "--created-after") { Description = "admin_logs only: created_after (ISO 8601 with a zone, a date, or 7d back). Only the first run of a --state uses it." };
        var endTime = new Option<string?>("--end-time", "--created-before") { Description = "admin_logs only: created_before (same forms)." };
        var eventType = new Option<string[]>("--event-type") { Description = "Only these event types (repeat the option, or separate with commas): LOGIN, DOWNLOAD, …", AllowMultipleArgumentsPerToken = false };
        var limit = new Option<int>("--limit", "-l") { Description = "Events per page, 1..500.", DefaultValueFactory = _ => BoxSourceOptions.MaxLimit };
        var position = new Option<string?>("--stream-position") { Description = "Continue from a stream position printed by an earlier run (kept exactly as Box wrote it)." };
        var resetMargin = new Option<string>("--reset-margin") { Description = "How far back a read restarts when Box refuses the stream position; the overlap is not written twice.", DefaultValueFactory = _ => "1h" };
        foreach (var option in new Option[] { boxConfig, apiUrl, oauthUrl, stream, startTime, endTime, eventType, limit, position, resetMargin })
        {
            command.Add(option);
        }

        var shared = new PullOptionSet(
            "set BOX_CLIENT_ID, BOX_CLIENT_SECRET and BOX_ENTERPRISE_ID (or BOX_DEVELOPER_TOKEN, or BOX_JWT_PASSPHRASE with --box-config) in the environment or ./.env",
            "--client-secret",
            "--token",
            "--developer-token",
            "--passphrase");
        shared.AddTo(command);
        SetPullAction(command, shared, context, result =>
        {
            var insecure = result.GetValue(shared.AllowInsecureHttp);
            var api = ParseUrl("--api-url", result.GetValue(apiUrl)!, insecure);
            return new BoxPull(new BoxPullRequest
            {
                BoxConfig = result.GetValue(boxConfig),
                ApiUrl = api,
                OAuthUrl = result.GetValue(oauthUrl) is { } oauth ? ParseUrl("--oauth-url", oauth, insecure) : api,
                Stream = result.GetValue(stream)!.Trim().ToLowerInvariant() switch
                {
                    "admin_logs" => BoxStreamType.AdminLogs,
                    "admin_logs_streaming" => BoxStreamType.AdminLogsStreaming,
                    var other => throw new UsageException($"--stream must be admin_logs or admin_logs_streaming, got '{other}'"),
                },
                StartTime = result.GetValue(startTime) is { } start ? TimeText.Parse("--start-time", start) : null,
                EndTime = result.GetValue(endTime) is { } end ? TimeText.Parse("--end-time", end) : null,
                EventTypes = [.. (result.GetValue(eventType) ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))],
                Limit = result.GetValue(limit),
                StreamPosition = result.GetValue(position),
                ResetMargin = DurationText.Parse("--reset-margin", result.GetValue(resetMargin)!),
            });
        });
        return command;
    }

    private static Command CreateDashlane(CliContext context)
    {
        var command = new Command(
            "dashlane",
            "Pull Dashlane team audit logs through the Dashlane CLI (dcli team logs; its DASHLANE_ENROLLED_TEAM_DEVICE_KEYS comes from the environment or ./.env), or from JSON-lines files dcli wrote (--input, --follow).");
        var dcli = new Option<string>("--dcli") { Description = "The Dashlane CLI executable (a path, or a name on PATH).", DefaultValueFactory = _ => "dcli", HelpName = "PATH" };
        var startTime = new Option<string?>("--start-time", "--start") { Description = "Start of the first window: ISO 8601 with a zone, a date, or 30d back from now. Later runs continue from the state (minus --overlap)." };
        var endTime = new Option<string?>("--end-time", "--end") { Description = "End of the window (default: now minus --lag)." };
        var overlap = new Option<string>("--overlap") { Description = "How far before the newest stored log the next window starts; Dashlane answers whole days, repeats are dropped by uuid.", DefaultValueFactory = _ => "1d" };
        var lag = new Option<string>("--lag") { Description = "Keep the window's end this far behind now, for logs Dashlane publishes late.", DefaultValueFactory = _ => "0s" };
        var timeout = new Option<string>("--timeout") { Description = "Longest time one dcli run may take.", DefaultValueFactory = _ => "30m" };
        var input = new Option<string?>("--input") { Description = "Read JSON lines dcli already wrote (the cron recipe's file), or - for standard input, instead of running dcli.", HelpName = "FILE" };
        var follow = new Option<bool>("--follow") { Description = "With --input FILE: keep reading as the file grows (survives rotation and truncation) until Ctrl-C." };
        foreach (var option in new Option[] { dcli, startTime, endTime, overlap, lag, timeout, input, follow })
        {
            command.Add(option);
        }

        var shared = new PullOptionSet(
            "set DASHLANE_ENROLLED_TEAM_DEVICE_KEYS in the environment or ./.env (dcli reads it from there)",
            includeHttp: false,
            "--keys",
            "--enrolled-team-device-keys",
            "--team-device-keys");
        shared.AddTo(command);
        SetPullAction(command, shared, context, result => new DashlanePull(new DashlanePullRequest
        {
            Dcli = result.GetValue(dcli)!,
            StartTime = result.GetValue(startTime) is { } start ? TimeText.Parse("--start-time", start) : null,
            EndTime = result.GetValue(endTime) is { } end ? TimeText.Parse("--end-time", end) : null,
            Overlap = DurationText.Parse("--overlap", result.GetValue(overlap)!),
            Lag = DurationText.Parse("--lag", result.GetValue(lag)!),
            Timeout = DurationText.Parse("--timeout", result.GetValue(timeout)!, DashlaneSourceOptions.MinimumTimeout),
            Input = result.GetValue(input),
            Follow = result.GetValue(follow),
        }));
        return command;
    }

    private static Command CreateDropbox(CliContext context)
    {
        var command = new Command(
            "dropbox",
            "Pull Dropbox Business team events (team_log). Credentials come from the environment or ./.env: DROPBOX_ACCESS_TOKEN, or DROPBOX_REFRESH_TOKEN + DROPBOX_APP_KEY + DROPBOX_APP_SECRET; or --settings parserSettings.ini.");
        var settings = new Option<string?>("--settings") { Description = "Read the access token from the Dropbox sample script's parserSettings.ini (dfbToken=).", HelpName = "FILE" };
        var apiUrl = new Option<string>("--api-url") { Description = "Dropbox API base URL (a simulator or proxy).", DefaultValueFactory = _ => DropboxSourceOptions.DefaultApiUrl.ToString() };
        var oauthUrl = new Option<string?>("--oauth-url") { Description = "Where /oauth2/token lives (default: the official API host)." };
        var category = new Option<string?>("--category", "-c") { Description = "Only this event category (logins, sharing, …). Not together with --event-type." };
        var eventType = new Option<string?>("--event-type") { Description = "Only this event type (file_add, login_fail, …). Not together with --category." };
        var accountId = new Option<string?>("--account-id") { Description = "Only events where this account (dbid:…) is actor, context or participant." };
        var startTime = new Option<string?>("--start-time", "--start_time", "-st") { Description = "Inclusive start: 2024-05-01T00:00:00Z, an offset time, a date, or 7d / 12h back from now. Only the first run of a --state uses it." };
        var endTime = new Option<string?>("--end-time", "--end_time", "-et") { Description = "Exclusive end (same forms). Without it the cursor can be continued later for new events." };
        var limit = new Option<int>("--limit", "-l") { Description = "Events per page, 1..1000.", DefaultValueFactory = _ => DropboxQuery.MaxLimit };
        var cursor = new Option<string?>("--cursor", "-csr") { Description = "Continue from a cursor printed by an earlier run." };
        var resetMargin = new Option<string>("--reset-margin") { Description = "How far back a query restarts when Dropbox resets or rejects the cursor; the overlap is not written twice.", DefaultValueFactory = _ => "1h" };
        foreach (var option in new Option[] { settings, apiUrl, oauthUrl, category, eventType, accountId, startTime, endTime, limit, cursor, resetMargin })
        {
            command.Add(option);
        }

        var shared = new PullOptionSet(
            "set DROPBOX_ACCESS_TOKEN, or DROPBOX_REFRESH_TOKEN with DROPBOX_APP_KEY and DROPBOX_APP_SECRET, in the environment or ./.env",
            "--token",
            "--access-token",
            "--refresh-token",
            "--app-secret");
        shared.AddTo(command);
        SetPullAction(command, shared, context, result =>
        {
            var insecure = result.GetValue(shared.AllowInsecureHttp);
            var api = ParseUrl("--api-url", result.GetValue(apiUrl)!, insecure);
            return new DropboxPull(new DropboxPullRequest
            {
                SettingsFile = result.GetValue(settings),
                ApiUrl = api,
                OAuthUrl = result.GetValue(oauthUrl) is { } oauth ? ParseUrl("--oauth-url", oauth, insecure) : api,
                Category = result.GetValue(category),
                EventType = result.GetValue(eventType),
                AccountId = result.GetValue(accountId),
                StartTime = result.GetValue(startTime) is { } start ? TimeText.Parse("--start-time", start) : null,
                EndTime = result.GetValue(endTime) is { } end ? TimeText.Parse("--end-time", end) : null,
                Limit = result.GetValue(limit),
                Cursor = result.GetValue(cursor),
                ResetMargin = DurationText.Parse("--reset-margin", result.GetValue(resetMargin)!),
            });
        });
        return command;
    }
}
