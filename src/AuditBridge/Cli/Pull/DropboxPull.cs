using System.Net;
using AuditBridge.Cli.Commands;
using AuditBridge.Cli.Credentials;
using AuditBridge.Cli.State;
using AuditBridge.Cli.Terminal;
using AuditBridge.Events.Severity;
using AuditBridge.Secrets;
using AuditBridge.Sinks;
using AuditBridge.Sources;
using AuditBridge.Sources.Dropbox;
using AuditBridge.Sources.Http;
using Microsoft.Extensions.Logging;

namespace AuditBridge.Cli.Pull;

/// <summary>Builds and runs one <c>pull dropbox</c>: credentials, filters, state, outputs, source, loop.</summary>
internal static class DropboxPull
{
    public const string Vendor = "dropbox";

    public static async Task<int> RunAsync(DropboxPullRequest request, CliContext context)
    {
        var redactor = new SecretRedactor();
        var console = new StderrConsole(context.Error, context.IsErrorInteractive);
        using var loggers = LoggerFactory.Create(builder => builder
            .SetMinimumLevel(LogLevel.Trace)
            .AddProvider(new StderrLoggerProvider(console, redactor, request.Verbose ? LogLevel.Debug : request.Quiet ? LogLevel.Warning : LogLevel.Information)));
        StateFileStore? state = null;
        List<ISink> sinks = [];
        ISource? source = null;
        try
        {
            var environment = DotEnvFile.Merge(context.Environment, context.WorkingDirectory);
            var credentials = DropboxCredentialLoader.Load(environment, request.SettingsFile is null ? null : Path.GetFullPath(request.SettingsFile, context.WorkingDirectory));
            foreach (var secret in credentials.All())
            {
                redactor.Add(secret);
            }

            var severity = Severity(request, context);
            var now = context.Time.GetUtcNow();
            var query = new DropboxQuery
            {
                Category = request.Category,
                EventType = request.EventType,
                AccountId = request.AccountId,
                StartTime = request.StartTime is { } start ? DropboxTime.Floor(start.Resolve(now)) : null,
                EndTime = request.EndTime is { } end ? Ceiling(end.Resolve(now)) : null,
                Limit = request.Limit,
            };
            if (query.Validate() is { } problem)
            {
                throw new UsageException(problem);
            }

            var identity = QueryIdentity(request, query);
            Checkpoint? resumeFrom = null;
            if (request.StateFile is { } statePath)
            {
                state = StateFileStore.Open(Path.GetFullPath(statePath, context.WorkingDirectory));
                resumeFrom = Resume(request, state, identity, console);
            }

            sinks = OutputBuilder.Build(request.Output, context, durable: state is not null);
            source = DropboxSourceFactory.Create(
                new DropboxSourceOptions
                {
                    ApiUrl = request.ApiUrl,
                    OAuthUrl = request.OAuthUrl,
                    Credentials = credentials,
                    Query = query,
                    InitialCursor = request.Cursor,
                    ResetMargin = request.ResetMargin,
                    Http = new VendorHttpOptions
                    {
                        MaxAttempts = request.Retries + 1,
                        MaxRateLimitWait = request.MaxWait,
                        RequestTimeout = request.RequestTimeout,
                    },
                },
                CreateHttpClient(),
                (category, action) => severity.Resolve(Vendor, category, action),
                context.Time,
                loggers,
                redactor);

            var progress = new ProgressReporter(console, context.Time, request.Quiet);
            var plan = new PullPlan(Vendor, source, resumeFrom, sinks, state, identity, request.StartTime?.Text);
            return await new PullRunner(context, console, progress, redactor).RunAsync(plan);
        }
        catch (UsageException usage)
        {
            console.WriteLine("error: " + redactor.Redact(usage.Message));
            return usage.ExitCode;
        }
        finally
        {
            foreach (var sink in sinks)
            {
                await DisposeQuietlyAsync(sink, console, redactor);
            }

            (source as IDisposable)?.Dispose();
            state?.Dispose();
        }
    }

    /// <summary>One HTTP client per run: no client-wide timeout (each attempt has its own), compressed pages, TLS verified.</summary>
    internal static HttpClient CreateHttpClient()
    {
        var client = new HttpClient(new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("AuditBridge/1.0");
        return client;
    }

    private static SeverityPolicy Severity(DropboxPullRequest request, CliContext context)
    {
        var policy = SeverityPolicy.BuiltIn;
        try
        {
            if (request.SeverityMap is { } map)
            {
                policy = policy.WithFile(Path.GetFullPath(map, context.WorkingDirectory));
            }
        }
        catch (SeverityPolicyException invalid)
        {
            throw new UsageException("--severity-map: " + invalid.Message, ExitCodes.InvalidInput);
        }
        catch (IOException io)
        {
            throw new UsageException($"--severity-map: cannot read {request.SeverityMap} ({io.Message})", ExitCodes.InvalidInput);
        }

        // An explicit --default-severity wins over a default in the map file.
        return request.DefaultSeverityGiven ? policy.WithDefaultSeverity(request.DefaultSeverity) : policy;
    }

    /// <summary>The filters that make a query what it is. The start time is left out: it only shapes the first run.</summary>
    private static Dictionary<string, string> QueryIdentity(DropboxPullRequest request, DropboxQuery query)
    {
        var identity = new Dictionary<string, string>(StringComparer.Ordinal) { ["api_url"] = request.ApiUrl.ToString() };
        void Add(string key, string? value)
        {
            if (value is not null)
            {
                identity[key] = value;
            }
        }

        Add("category", query.Category);
        Add("event_type", query.EventType);
        Add("account_id", query.AccountId);

        // A relative end ("1h") moves with every run, so the text is what identifies the query.
        Add("end_time", request.EndTime is { IsRelative: true } relative ? relative.Text : query.EndTime is { } end ? DropboxTime.Format(end) : null);
        return identity;
    }

    private static Checkpoint? Resume(DropboxPullRequest request, StateFileStore state, IReadOnlyDictionary<string, string> identity, StderrConsole console)
    {
        if (request.ResetState)
        {
            state.Delete();
            return null;
        }

        var saved = state.Load();
        if (saved is null)
        {
            return null;
        }

        if (saved.DescribeMismatch(Vendor, identity) is { } mismatch)
        {
            throw new UsageException($"state file {state.Path} belongs to another query: {mismatch}. Use --reset-state to start over with these filters, or another --state file.", ExitCodes.State);
        }

        if (request.Cursor is not null && saved.Checkpoint.Position is not null)
        {
            throw new UsageException($"--cursor conflicts with the cursor saved in {state.Path}; drop --cursor to continue from the state, or add --reset-state to start from --cursor", ExitCodes.Usage);
        }

        if (request.StartTime is { } start && !string.Equals(start.Text, saved.StartTime, StringComparison.Ordinal))
        {
            console.WriteLine($"note: --start-time {start.Text} is not used: {state.Path} continues from its saved cursor (--reset-state starts over from --start-time)");
        }

        return saved.Checkpoint;
    }

    private static DateTimeOffset Ceiling(DateTimeOffset time)
    {
        var floor = DropboxTime.Floor(time);
        return floor == time ? floor : floor.AddSeconds(1);
    }

    private static async Task DisposeQuietlyAsync(ISink sink, StderrConsole console, SecretRedactor redactor)
    {
        try
        {
            await sink.DisposeAsync();
        }
        catch (SinkException failure)
        {
            console.WriteLine("warning: closing an output failed: " + redactor.Redact(failure.Message));
        }
    }
}
