using AuditBridge.Journal;
using Microsoft.Extensions.Hosting;

namespace AuditBridge.Daemon;

/// <summary>
/// One component of the daemon (a source's collection loop, a sink's delivery loop, retention) as a hosted service.
/// Components fail on their own: a permanent failure or a bug stops only this one, visibly (log, <c>status</c>,
/// <c>/healthz</c>); a journal that fails for good stops the daemon, since nothing can be stored or delivered without it.
/// </summary>
internal sealed class ComponentService(
    string name,
    Func<CancellationToken, Task> run,
    Action<string, Exception, DateTimeOffset, DateTimeOffset?> failed,
    DaemonStop daemonStop,
    IHostApplicationLifetime lifetime,
    TimeProvider time) : BackgroundService
{
    /// <summary>The component's name (for the start log and tests).</summary>
    public string Name => name;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await run(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (JournalException failure)
        {
            daemonStop.JournalFailed(failure);
            lifetime.StopApplication();
        }
#pragma warning disable CA1031 // A bug in one component must not take the others down; it is reported as that component's stop.
        catch (Exception failure)
#pragma warning restore CA1031
        {
            failed(name, new InvalidOperationException($"unexpected {failure.GetType().Name}: {failure.Message}", failure), time.GetUtcNow(), null);
        }
    }
}
