using AuditBridge.Cli.Quarantine;
using AuditBridge.Cli.State;
using AuditBridge.Cli.Terminal;
using AuditBridge.Events.Severity;
using AuditBridge.Secrets;
using AuditBridge.Settings;
using AuditBridge.Shell;
using AuditBridge.Sinks;
using AuditBridge.Sources;
using AuditBridge.Sources.Http;
using Microsoft.Extensions.Logging;

namespace AuditBridge.Cli.Pull;

/// <summary>
/// One implementation of <c>pull &lt;vendor&gt;</c> for every vendor: environment and <c>.env</c>, severity policy,
/// the vendor's query, the state file (resume, mismatch, reset), outputs, the read-write-save loop, and clean-up.
/// </summary>
internal static class PullService
{
    public static async Task<int> RunAsync(CommonPullRequest common, VendorPull vendor, CliContext context)
    {
        var redactor = context.Redactor;
        var console = new StderrConsole(context.Error, context.IsErrorInteractive, redactor);
        using var loggers = LoggerFactory.Create(builder => builder
            .SetMinimumLevel(LogLevel.Trace)
            .AddProvider(new StderrLoggerProvider(console, redactor, common.Verbose ? LogLevel.Debug : common.Quiet ? LogLevel.Warning : LogLevel.Information)));
        using var http = VendorHttp.CreateClient();
        StateFileStore? state = null;
        QuarantineFile? quarantine = null;
        List<ISink> sinks = [];
        ISource? source = null;
        try
        {
            var severity = Severity(common, context);
            var environment = new PullEnvironment(
                DotEnvFile.Merge(context.Environment, context.WorkingDirectory),
                context,
                redactor,
                loggers,
                (category, action) => severity.Resolve(vendor.Vendor, category, action),
                http,
                new VendorHttpOptions { MaxAttempts = common.Retries + 1, MaxRateLimitWait = common.MaxWait, RequestTimeout = common.RequestTimeout, AllowInsecureHttp = common.AllowInsecureHttp },
                context.Time.GetUtcNow());
            if (common.AllowInsecureHttp)
            {
                console.WriteLine("warning: --allow-insecure-http: http:// vendor URLs on another host are allowed; credentials, tokens and audit events may cross the network unencrypted");
            }

            var prepared = vendor.Prepare(environment);

            Checkpoint? resumeFrom = null;
            if (common.StateFile is { } statePath)
            {
                state = StateFileStore.Open(environment.FullPath(statePath), common.Output.FollowSymlinks);
                resumeFrom = Resume(common, vendor, state, prepared.Query, console);
            }

            if (vendor.CheckResume(resumeFrom) is { } problem)
            {
                throw new UsageException(problem);
            }

            foreach (var warning in common.Output.Warnings)
            {
                console.WriteLine("warning: an output " + warning);
            }

            sinks = OutputBuilder.Build(common.Output, context, loggers);
            if (common.QuarantineFile is { } quarantinePath)
            {
                quarantine = QuarantineFile.Open(environment.FullPath(quarantinePath), quarantinePath, common.Output.FollowSymlinks);
            }

            source = prepared.CreateSource();
            var progress = new ProgressReporter(console, context.Time, common.Quiet);
            var plan = new PullPlan(vendor.Vendor, source, resumeFrom, sinks, state, prepared.Query, vendor.StartTimeText, quarantine);
            var exitCode = await new PullRunner(context, console, progress, redactor).RunAsync(plan);
            foreach (var line in vendor.AfterRun())
            {
                console.WriteLine(redactor.Redact(line));
            }

            return exitCode;
        }
        catch (UsageException usage)
        {
            console.WriteLine("error: " + redactor.Redact(usage.Message));
            return usage.ExitCode;
        }
        catch (SourceException failure)
        {
            // A source can refuse its options before the first page (a missing CLI tool, an unreadable key).
            console.WriteLine("error: " + redactor.Redact(failure.Message));
            return PullRunner.ExitCodeFor(failure.Kind);
        }
        finally
        {
            foreach (var sink in sinks)
            {
                await DisposeQuietlyAsync(sink, console, redactor);
            }

            (source as IDisposable)?.Dispose();
            quarantine?.Dispose();
            state?.Dispose();
        }
    }

    private static SeverityPolicy Severity(CommonPullRequest common, CliContext context)
    {
        var policy = SeverityPolicy.BuiltIn;
        try
        {
            if (common.SeverityMap is { } map)
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
            throw new UsageException($"--severity-map: cannot read {common.SeverityMap} ({io.Message})", ExitCodes.InvalidInput);
        }

        // An explicit --default-severity wins over a default in the map file.
        return common.DefaultSeverityGiven ? policy.WithDefaultSeverity(common.DefaultSeverity) : policy;
    }

    private static Checkpoint? Resume(CommonPullRequest common, VendorPull vendor, StateFileStore state, IReadOnlyDictionary<string, string> query, StderrConsole console)
    {
        if (common.ResetState)
        {
            state.Delete();
            return null;
        }

        var saved = state.Load();
        if (saved is null)
        {
            return null;
        }

        if (saved.DescribeMismatch(vendor.Vendor, query) is { } mismatch)
        {
            throw new UsageException($"state file {state.Path} belongs to another query: {mismatch}. Use --reset-state to start over with these filters, or another --state file.", ExitCodes.State);
        }

        if (vendor.GivenPosition is { } given && saved.Checkpoint.Position is not null)
        {
            throw new UsageException($"{given.Option} conflicts with the position saved in {state.Path}; drop {given.Option} to continue from the state, or add --reset-state to start from {given.Option}", ExitCodes.Usage);
        }

        if (vendor.StartTimeText is { } start && !string.Equals(start, saved.StartTime, StringComparison.Ordinal))
        {
            console.WriteLine($"note: --start-time {start} is not used: {state.Path} continues from its saved position (--reset-state starts over from --start-time)");
        }

        return saved.Checkpoint;
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
