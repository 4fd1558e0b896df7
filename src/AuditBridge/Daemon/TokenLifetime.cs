using Microsoft.Extensions.Hosting;

namespace AuditBridge.Daemon;

/// <summary>
/// The daemon host's lifetime: stops the application when the CLI's termination token fires (SIGTERM, SIGINT, or a
/// test or the demo stopping it). The CLI, not the host, registers the signal handlers: it sets the exit codes and
/// ends the process at a second signal, and several daemons in one test process must not each grab the signals.
/// </summary>
internal sealed class TokenLifetime(IHostApplicationLifetime lifetime, CancellationToken stop) : IHostLifetime, IDisposable
{
    private CancellationTokenRegistration _registration;

    public Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        _registration = stop.Register(lifetime.StopApplication);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _registration.Dispose();
}
