namespace AuditBridge.Simulators.Dropbox;

/// <summary>
/// A Kestrel server on loopback that follows the Dropbox <c>team_log</c> API: <c>POST /2/team_log/get_events</c>,
/// <c>POST /2/team_log/get_events/continue</c> and <c>POST /oauth2/token</c>, serving the deterministic dataset of
/// <c>Events</c>, with faults on demand. See docs/simulators.md.
/// </summary>
public sealed class DropboxSimulator : Simulator<DropboxEventGenerator, DropboxFault>
{
    private DropboxSimulator(SimulatorHost host, DropboxApi api) : base(host, api) { }

    /// <summary>Starts a simulator on <c>127.0.0.1</c>; <paramref name="timeProvider"/> (default: the system clock) decides which events exist and when tokens expire.</summary>
    public static Task<DropboxSimulator> StartAsync(DropboxSimulatorOptions options, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default) =>
        StartAsync(options, timeProvider, (o, time) => new DropboxApi(o, time), (host, api) => new DropboxSimulator(host, api), cancellationToken);
}
