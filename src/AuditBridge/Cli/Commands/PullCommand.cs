using System.CommandLine;
using AuditBridge.Cli.Credentials;
using AuditBridge.Cli.Pull;
using AuditBridge.Sources.Dropbox;

namespace AuditBridge.Cli.Commands;

/// <summary><c>auditbridge pull &lt;vendor&gt;</c>: one-shot pulls that stream from the vendor straight to the outputs.</summary>
internal static class PullCommand
{
    public static Command Create(CliContext context)
    {
        var pull = new Command("pull", "Pull a vendor's audit events once and write them as CEF, JSON lines or CSV to stdout, a file or syslog.");
        pull.Add(CreateDropbox(context));
        return pull;
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
        var state = new Option<string?>("--state") { Description = "Keep the cursor in FILE after every written page; the next run continues from it and writes only new events.", HelpName = "FILE" };
        var resetState = new Option<bool>("--reset-state") { Description = "Discard what --state holds and start the query over." };
        var maxWait = new Option<string>("--max-wait") { Description = "Longest total wait on rate limits per request before giving up (the state is kept).", DefaultValueFactory = _ => "5m" };
        var retries = new Option<int>("--retries") { Description = "Retries of a request after 5xx, timeouts or broken answers (with exponential backoff).", DefaultValueFactory = _ => 5 };
        var requestTimeout = new Option<string>("--request-timeout") { Description = "Time limit of one HTTP request.", DefaultValueFactory = _ => "60s" };
        var resetMargin = new Option<string>("--reset-margin") { Description = "How far back a query restarts when Dropbox resets or rejects the cursor; the overlap is not written twice.", DefaultValueFactory = _ => "1h" };
        var severityMap = new Option<string?>("--severity-map") { Description = "JSON file overriding severities per category and per event type (docs/formats/severity.md).", HelpName = "FILE" };
        var defaultSeverity = new Option<int>("--default-severity") { Description = "Severity of categories the map does not list.", DefaultValueFactory = _ => 5 };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress output." };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Also report debug details (never secrets)." };
        var token = SecretTrap("--token");
        var accessToken = SecretTrap("--access-token");
        var outputs = new OutputOptionSet();

        foreach (var option in new Option[] { settings, apiUrl, oauthUrl, category, eventType, accountId, startTime, endTime, limit, cursor, state, resetState, maxWait, retries, requestTimeout, resetMargin, severityMap, defaultSeverity, quiet, verbose, token, accessToken })
        {
            command.Add(option);
        }

        outputs.AddTo(command);
        command.SetAction(async (result, _) =>
        {
            DropboxPullRequest request;
            try
            {
                foreach (var trap in new[] { token, accessToken })
                {
                    if (result.GetResult(trap) is not null)
                    {
                        throw new UsageException($"{trap.Name}: secrets are never taken from the command line (they would end up in shell history and process listings); set DROPBOX_ACCESS_TOKEN, or DROPBOX_REFRESH_TOKEN with DROPBOX_APP_KEY and DROPBOX_APP_SECRET, in the environment or ./.env");
                    }
                }

                var api = ParseUrl("--api-url", result.GetValue(apiUrl)!);
                request = new DropboxPullRequest
                {
                    SettingsFile = result.GetValue(settings),
                    ApiUrl = api,
                    OAuthUrl = result.GetValue(oauthUrl) is { } oauth ? ParseUrl("--oauth-url", oauth) : api,
                    Category = result.GetValue(category),
                    EventType = result.GetValue(eventType),
                    AccountId = result.GetValue(accountId),
                    StartTime = result.GetValue(startTime) is { } start ? TimeArgument.Parse("--start-time", start) : null,
                    EndTime = result.GetValue(endTime) is { } end ? TimeArgument.Parse("--end-time", end) : null,
                    Limit = result.GetValue(limit),
                    Cursor = result.GetValue(cursor),
                    StateFile = result.GetValue(state),
                    ResetState = result.GetValue(resetState),
                    MaxWait = DurationArgument.Parse("--max-wait", result.GetValue(maxWait)!),
                    Retries = result.GetValue(retries) is var r and >= 0 and <= 100 ? r : throw new UsageException("--retries must be between 0 and 100"),
                    RequestTimeout = DurationArgument.Parse("--request-timeout", result.GetValue(requestTimeout)!),
                    ResetMargin = DurationArgument.Parse("--reset-margin", result.GetValue(resetMargin)!),
                    SeverityMap = result.GetValue(severityMap),
                    DefaultSeverity = result.GetValue(defaultSeverity) is var s and >= 0 and <= 10 ? s : throw new UsageException("--default-severity must be between 0 and 10"),
                    DefaultSeverityGiven = result.GetResult(defaultSeverity) is { Implicit: false },
                    Output = outputs.Read(result),
                    Quiet = result.GetValue(quiet),
                    Verbose = result.GetValue(verbose),
                };
            }
            catch (UsageException usage)
            {
                await context.Error.WriteLineAsync("error: " + usage.Message);
                return usage.ExitCode;
            }

            return await DropboxPull.RunAsync(request, context);
        });
        return command;
    }

    /// <summary>A hidden option that exists only to refuse a secret on the command line with a helpful message.</summary>
    private static Option<string?> SecretTrap(string name) => new(name) { Hidden = true, Arity = ArgumentArity.ZeroOrOne };

    private static Uri ParseUrl(string option, string text) =>
        Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? url
            : throw new UsageException($"{option}: '{text}' is not an http(s) URL");
}
