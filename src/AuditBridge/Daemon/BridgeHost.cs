using System.Globalization;
using AuditBridge.Configuration;
using AuditBridge.Journal;
using AuditBridge.Pipeline;
using AuditBridge.Shell;
using AuditBridge.Sinks;
using AuditBridge.Sources;
using AuditBridge.Sources.Http;
using AuditBridge.Status;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AuditBridge.Daemon;

/// <summary>
/// <c>auditbridge run</c>: opens the journal, builds the components, and runs them as hosted services on the .NET
/// generic host (one per enabled source and sink, and retention) with the metrics endpoint, until stopped. Components fail on their own: a source or sink that fails
/// for good stops alone and shows in logs, <c>status</c> and <c>/healthz</c>; only a journal that fails for good stops
/// the daemon (exit 9), since nothing can be stored or delivered without it.
/// </summary>
internal static class BridgeHost
{
    public static async Task<int> RunAsync(DaemonConfig config, BridgeRuntime runtime, CancellationToken stop)
    {
        var time = runtime.Time;
        using var loggerProvider = new DaemonLoggerProvider(runtime.Log, runtime.Redactor, config.Log.Level, config.Log.Json, time);
        using var loggers = LoggerFactory.Create(builder => builder.SetMinimumLevel(config.Log.Level).AddProvider(loggerProvider));
        var logger = loggers.CreateLogger("AuditBridge.Daemon");

        IJournal journal;
        try
        {
            journal = await JournalFactory.OpenAsync(config.Journal.Location(shared: false), time, stop);
        }
        catch (JournalException failure)
        {
            Log.JournalFailed(logger, runtime.Redactor.Redact(failure.Message));
            return ExitCodes.State;
        }

        await using (journal)
        {
            using var http = VendorHttp.CreateClient();
            var services = new ComponentServices(time, http, loggers, runtime.Redactor, config.Severity.Resolve);
            var sources = new List<(SourceSettings Settings, ISource Source)>();
            var sinks = new List<(SinkSettings Settings, ISink Sink)>();
            try
            {
                if (!Build(config, services, sources, sinks, logger, runtime))
                {
                    return ExitCodes.InvalidInput;
                }

                return await RunComponentsAsync(config, runtime, journal, sources, sinks, loggerProvider, logger, stop);
            }
            finally
            {
                await DisposeAsync(sources, sinks);
            }
        }
    }

    private static bool Build(
        DaemonConfig config,
        ComponentServices services,
        List<(SourceSettings, ISource)> sources,
        List<(SinkSettings, ISink)> sinks,
        ILogger logger,
        BridgeRuntime runtime)
    {
        try
        {
            foreach (var settings in config.Sources.Where(s => s.Enabled))
            {
                foreach (var warning in settings.Warnings)
                {
                    Log.InsecureOption(logger, "Source", settings.Name, warning);
                }

                sources.Add((settings, settings.Create(services)));
            }

            foreach (var settings in config.Sinks.Where(s => s.Enabled))
            {
                foreach (var warning in settings.Warnings)
                {
                    Log.InsecureOption(logger, "Sink", settings.Name, warning);
                }

                sinks.Add((settings, settings.Create(services)));
                Log.SinkConfigured(logger, settings.Name, settings.Description);
            }

            return true;
        }
        catch (Exception failure) when (failure is ArgumentException or SourceException or SinkException)
        {
            // The loader checked the keys; what is left are things only building finds (a key file that went away).
            Log.StartFailed(logger, runtime.Redactor.Redact(failure.Message));
            return false;
        }
    }

    private static async Task<int> RunComponentsAsync(
        DaemonConfig config,
        BridgeRuntime runtime,
        IJournal journal,
        List<(SourceSettings Settings, ISource Source)> sources,
        List<(SinkSettings Settings, ISink Sink)> sinks,
        DaemonLoggerProvider loggerProvider,
        ILogger logger,
        CancellationToken stop)
    {
        var time = runtime.Time;
        var types = sources.Select(s => (s.Settings.Name, s.Settings.Type))
            .Concat(sinks.Select(s => (s.Settings.Name, s.Settings.Type)))
            .ToDictionary(p => p.Name, p => p.Type, StringComparer.Ordinal);

        // One observer per concern (log lines, counters, status rows and health), combined; a test's or the demo's last.
        await using var status = new StatusObserver(journal, runtime.Redactor, logger);
        List<IPipelineObserver> observers = [new LogObserver(logger, runtime.Redactor), new MetricsObserver(types), status];
        if (runtime.Observer is { } extra)
        {
            observers.Add(extra);
        }

        var observer = new FanOutObserver(observers);
        using var metrics = new PrometheusMetrics();
        var signal = new JournalSignal();
        var sinkNames = sinks.Select(s => s.Settings.Name).ToList();

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders().AddProvider(loggerProvider).SetMinimumLevel(config.Log.Level).AddFilter("Microsoft", LogLevel.Warning);
        builder.Services.Configure<HostOptions>(options =>
        {
            // The host cancels the components and waits this long (real time: a stop must end even when a test's fake
            // clock no longer moves); a component it abandons has moved nothing past what is stored.
            options.ShutdownTimeout = runtime.StopTimeout;
            options.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.Ignore;
        });

        // The CLI owns the process signals (its exit codes 130 and 143; a second signal ends at once) and turns them into
        // this token: the host's lifetime follows it instead of registering handlers of its own.
        builder.Services.AddSingleton<IHostLifetime>(services => new TokenLifetime(services.GetRequiredService<IHostApplicationLifetime>(), stop));
        builder.Services.AddSingleton(new DaemonStop());
        foreach (var (settings, source) in sources)
        {
            var collector = new Collector(settings.Name, source, journal, signal, time, observer);
            var loop = new SourceLoop(new SourceLoopOptions { Name = settings.Name, Interval = settings.Interval }, collector, time, observer);
            AddComponent(builder, settings.Name, async ct => await loop.RunAsync(ct), observer.PollFailed, time);
        }

        foreach (var (settings, sink) in sinks)
        {
            var options = new DeliveryLoopOptions { Name = settings.Name, Sources = settings.Sources, MinSeverity = settings.MinSeverity };
            var loop = new DeliveryLoop(options, sink, journal, signal, time, observer);
            AddComponent(builder, settings.Name, async ct => await loop.RunAsync(ct), observer.DeliveryFailed, time);
        }

        // Retention keeps what the running sinks have not delivered.
        if (config.Journal.Retention is { } retention)
        {
            var loop = new RetentionLoop(
                new RetentionOptions { Retention = retention, Readers = sinkNames, Interval = runtime.RetentionInterval },
                journal,
                time,
                (count, before) => Log.RetentionDeleted(logger, count, before),
                failure => Log.RetentionFailed(logger, runtime.Redactor.Redact(failure.Message)));
            AddComponent(builder, "retention", loop.RunAsync, (_, _, _, _) => { }, time);
        }

        using var host = builder.Build();
        var daemonStop = host.Services.GetRequiredService<DaemonStop>();
        MetricsEndpoint? endpoint = null;
        try
        {
            if (config.Listen is { } listen)
            {
                endpoint = await MetricsEndpoint.StartAsync(
                    listen.Host,
                    listen.Port,
                    async ct => metrics.Render(await GaugesAsync(journal, sinkNames, time, ct)),
                    () => status.Stopped.Keys,
                    stop);
                Log.Listening(logger, endpoint.Address);
                if (listen.Remote)
                {
                    Log.ListeningRemotely(logger, endpoint.Address);
                }

                runtime.Listening?.Invoke(endpoint.Address);
            }

            Log.Started(logger, typeof(BridgeHost).Assembly.GetName().Version?.ToString(3) ?? "0", sources.Count, sinks.Count, config.Journal.Path);
            var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
            using var stopping = lifetime.ApplicationStopping.Register(() => Log.Stopping(logger, runtime.StopTimeout.TotalSeconds));
            var components = host.Services.GetServices<IHostedService>().OfType<ComponentService>().ToList();
            await host.StartAsync(CancellationToken.None);
            await host.WaitForShutdownAsync(CancellationToken.None);
            if (components.Any(c => c.ExecuteTask is { IsCompleted: false }))
            {
                Log.StopTimedOut(logger, runtime.StopTimeout.TotalSeconds);
            }
        }
        catch (IOException failure)
        {
            // Kestrel reports an address in use as an IOException; a second daemon on the same port is a configuration problem.
            Log.StartFailed(logger, $"cannot listen on {config.Listen!.Host}:{config.Listen.Port.ToString(CultureInfo.InvariantCulture)} for /healthz and /metrics ({failure.Message}); set listen: to a free address or off");
            return ExitCodes.InvalidInput;
        }
        finally
        {
            if (endpoint is not null)
            {
                await endpoint.DisposeAsync();
            }
        }

        if (daemonStop.JournalFailure is { } journalFailure)
        {
            Log.JournalFailed(logger, runtime.Redactor.Redact(journalFailure.Message));
            return ExitCodes.State;
        }

        Log.Stopped(logger);
        return ExitCodes.Success;
    }

    private static void AddComponent(
        HostApplicationBuilder builder,
        string name,
        Func<CancellationToken, Task> run,
        Action<string, Exception, DateTimeOffset, DateTimeOffset?> failed,
        TimeProvider time) =>
        // AddHostedService would keep only the first of several services of one type.
        builder.Services.AddSingleton<IHostedService>(services => new ComponentService(
            name,
            run,
            failed,
            services.GetRequiredService<DaemonStop>(),
            services.GetRequiredService<IHostApplicationLifetime>(),
            time));

    /// <summary>The gauges of a scrape: the head, per running sink (also before its first delivery) and per source.</summary>
    internal static async Task<IEnumerable<GaugeSample>> GaugesAsync(
        IJournal journal, IReadOnlyList<string> sinks, TimeProvider time, CancellationToken cancellationToken)
    {
        var head = await journal.GetHeadAsync(cancellationToken);
        var gauges = new List<GaugeSample>
        {
            new("auditbridge_journal_head", "Highest sequence number stored", [], head),
        };
        var now = time.GetUtcNow();
        var rows = (await journal.GetSinkStatusAsync(cancellationToken)).ToDictionary(s => s.Sink, StringComparer.Ordinal);
        long? newSinkBacklog = null;
        foreach (var name in sinks)
        {
            // Only the sinks this daemon runs: a removed or disabled sink's backlog grows by design and must not page
            // anyone. A running sink without a row has not delivered yet.
            var (pending, position) = rows.TryGetValue(name, out var row)
                ? (row.Pending, row.Position)
                : (newSinkBacklog ??= await SinkBacklog.OfNewSinkAsync(journal, head, cancellationToken), 0L);
            var labels = new[] { KeyValuePair.Create("component", name) };
            gauges.Add(new("auditbridge_sink_backlog_events", "Events stored and not yet delivered per sink", labels, pending));
            gauges.Add(new("auditbridge_sink_position", "Sequence number delivered up to per sink", labels, position));
        }

        foreach (var source in await journal.GetSourceStatusAsync(cancellationToken))
        {
            var labels = new[] { KeyValuePair.Create("component", source.Source) };
            if (source.NewestEventTime is { } newest)
            {
                gauges.Add(new("auditbridge_source_lag_seconds", "Now minus the newest stored event time per source", labels, (now - newest).TotalSeconds));
            }

            if (source.LastSuccess is { } success)
            {
                gauges.Add(new("auditbridge_source_last_success_timestamp_seconds", "Unix time of the last successful poll per source", labels, success.ToUnixTimeMilliseconds() / 1000.0));
            }
        }

        return gauges;
    }

    private static async Task DisposeAsync(List<(SourceSettings Settings, ISource Source)> sources, List<(SinkSettings Settings, ISink Sink)> sinks)
    {
        foreach (var (_, sink) in sinks)
        {
            await sink.DisposeAsync();
        }

        foreach (var (_, source) in sources)
        {
            switch (source)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }
}
