using System.Globalization;
using AuditBridge.Cli;
using AuditBridge.Configuration;
using AuditBridge.Journal;
using AuditBridge.Pipeline;
using AuditBridge.Sinks;
using AuditBridge.Sources;
using AuditBridge.Sources.Http;
using AuditBridge.Status;
using Microsoft.Extensions.Logging;

namespace AuditBridge.Daemon;

/// <summary>
/// <c>auditbridge run</c>: opens the journal, starts one loop per enabled source and per enabled sink, the retention
/// job and the metrics endpoint, and runs until stopped. Components fail on their own: a source or sink that fails
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

                return await RunComponentsAsync(config, runtime, journal, sources, sinks, logger, stop);
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
        ILogger logger,
        CancellationToken stop)
    {
        var time = runtime.Time;
        var types = sources.Select(s => (s.Settings.Name, s.Settings.Type))
            .Concat(sinks.Select(s => (s.Settings.Name, s.Settings.Type)))
            .ToDictionary(p => p.Name, p => p.Type, StringComparer.Ordinal);
        var status = journal as IJournalStatusStore;
        await using var daemonObserver = new DaemonObserver(logger, runtime.Redactor, status, types);
        IPipelineObserver observer = runtime.Observer is null ? daemonObserver : new FanOutObserver([daemonObserver, runtime.Observer]);
        using var metrics = new PrometheusMetrics();
        using var work = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var journalFailure = new TaskCompletionSource<JournalException>(TaskCreationOptions.RunContinuationsAsynchronously);
        var signal = new JournalSignal();
        var tasks = new List<Task>();
        foreach (var (settings, source) in sources)
        {
            var collector = new Collector(settings.Name, source, journal, signal, time, observer);
            var loop = new SourceLoop(new SourceLoopOptions { Name = settings.Name, Interval = settings.Interval }, collector, time, observer);
            tasks.Add(GuardAsync(settings.Name, () => loop.RunAsync(work.Token), observer.PollFailed, journalFailure, time, work.Token));
        }

        foreach (var (settings, sink) in sinks)
        {
            var options = new DeliveryLoopOptions { Name = settings.Name, Sources = settings.Sources, MinSeverity = settings.MinSeverity };
            var loop = new DeliveryLoop(options, sink, journal, signal, time, observer);
            tasks.Add(GuardAsync(settings.Name, () => loop.RunAsync(work.Token), observer.DeliveryFailed, journalFailure, time, work.Token));
        }

        // The running sinks: retention keeps what they have not delivered, and /metrics shows their backlogs.
        var sinkNames = sinks.Select(s => s.Settings.Name).ToList();
        if (config.Journal.Retention is { } retention)
        {
            tasks.Add(GuardAsync("retention", () => RetainAsync(journal, retention, sinkNames, runtime, logger, work.Token), (_, _, _, _) => { }, journalFailure, time, work.Token));
        }

        MetricsEndpoint? endpoint = null;
        try
        {
            if (config.Listen is { } listen)
            {
                endpoint = await MetricsEndpoint.StartAsync(
                    listen.Host,
                    listen.Port,
                    async ct => metrics.Render(await GaugesAsync(journal, status, sinkNames, time, ct)),
                    () => daemonObserver.Stopped.Keys,
                    stop);
                Log.Listening(logger, endpoint.Address);
                if (listen.Remote)
                {
                    Log.ListeningRemotely(logger, endpoint.Address);
                }

                runtime.Listening?.Invoke(endpoint.Address);
            }

            Log.Started(logger, typeof(BridgeHost).Assembly.GetName().Version?.ToString(3) ?? "0", sources.Count, sinks.Count, config.Journal.Path);
            var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await using (stop.Register(() => stopped.TrySetResult()))
            {
                await Task.WhenAny(stopped.Task, journalFailure.Task);
            }

            Log.Stopping(logger, runtime.StopTimeout.TotalSeconds);
            await work.CancelAsync();

            // Real time: a stop must end even when a test's fake clock no longer moves.
            var all = Task.WhenAll(tasks);
            if (await Task.WhenAny(all, Task.Delay(runtime.StopTimeout, TimeProvider.System, CancellationToken.None)) != all)
            {
                Log.StopTimedOut(logger, runtime.StopTimeout.TotalSeconds);
            }
        }
        catch (IOException failure)
        {
            // Kestrel reports an address in use as an IOException; a second daemon on the same port is a configuration problem.
            Log.StartFailed(logger, $"cannot listen on {config.Listen!.Host}:{config.Listen.Port.ToString(CultureInfo.InvariantCulture)} for /healthz and /metrics ({failure.Message}); set listen: to a free address or off");
            await work.CancelAsync();
            return ExitCodes.InvalidInput;
        }
        finally
        {
            if (endpoint is not null)
            {
                await endpoint.DisposeAsync();
            }
        }

        if (journalFailure.Task.IsCompleted)
        {
            Log.JournalFailed(logger, runtime.Redactor.Redact(journalFailure.Task.Result.Message));
            return ExitCodes.State;
        }

        Log.Stopped(logger);
        return ExitCodes.Success;
    }

    // One component's task: a permanent journal failure stops the daemon; anything unexpected stops only this
    // component, visibly, as a permanent failure would.
    private static async Task GuardAsync<TFailure>(
        string name,
        Func<Task<TFailure?>> run,
        Action<string, Exception, DateTimeOffset, DateTimeOffset?> failed,
        TaskCompletionSource<JournalException> journalFailure,
        TimeProvider time,
        CancellationToken cancellationToken)
        where TFailure : Exception
    {
        try
        {
            await run();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (JournalException failure)
        {
            journalFailure.TrySetResult(failure);
        }
#pragma warning disable CA1031 // A bug in one component must not take the others down; it is reported as that component's stop.
        catch (Exception failure)
#pragma warning restore CA1031
        {
            failed(name, new InvalidOperationException($"unexpected {failure.GetType().Name}: {failure.Message}", failure), time.GetUtcNow(), null);
        }
    }

    private static async Task<Exception?> RetainAsync(IJournal journal, TimeSpan retention, List<string> sinks, BridgeRuntime runtime, ILogger logger, CancellationToken cancellationToken)
    {
        while (true)
        {
            await Task.Delay(runtime.RetentionInterval, runtime.Time, cancellationToken);
            try
            {
                // Nothing an enabled sink still needs: below the lowest position (everything when no sink is enabled).
                var deliveredUpTo = await journal.GetHeadAsync(cancellationToken);
                foreach (var sink in sinks)
                {
                    deliveredUpTo = Math.Min(deliveredUpTo, await journal.GetPositionAsync(sink, cancellationToken));
                }

                var before = runtime.Time.GetUtcNow() - retention;
                var deleted = await journal.DeleteExpiredAsync(before, deliveredUpTo, cancellationToken);
                if (deleted > 0)
                {
                    Log.RetentionDeleted(logger, deleted, before);
                }
            }
            catch (JournalException failure) when (failure.IsTransient)
            {
                Log.RetentionFailed(logger, runtime.Redactor.Redact(failure.Message));
            }
        }
    }

    /// <summary>The gauges of a scrape: the head, per running sink (also before its first delivery) and per source.</summary>
    internal static async Task<IEnumerable<GaugeSample>> GaugesAsync(
        IJournal journal, IJournalStatusStore? status, IReadOnlyList<string> sinks, TimeProvider time, CancellationToken cancellationToken)
    {
        var head = await journal.GetHeadAsync(cancellationToken);
        var gauges = new List<GaugeSample>
        {
            new("auditbridge_journal_head", "Highest sequence number stored", [], head),
        };
        if (status is null)
        {
            return gauges;
        }

        var now = time.GetUtcNow();
        var rows = (await status.GetSinkStatusAsync(cancellationToken)).ToDictionary(s => s.Sink, StringComparer.Ordinal);
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

        foreach (var source in await status.GetSourceStatusAsync(cancellationToken))
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
