namespace AuditBridge.Simulators.Box;

/// <summary>
/// A Kestrel server on loopback that follows the Box enterprise events API: <c>GET /2.0/events</c> for
/// <c>admin_logs</c> and <c>admin_logs_streaming</c>, and <c>POST /oauth2/token</c> (client credentials and JWT), serving
/// the deterministic dataset of <c>Events</c>, with faults on demand. See docs/simulators.md.
/// </summary>
public sealed class BoxSimulator : Simulator<BoxEventGenerator, BoxFault>
{
    private BoxSimulator(SimulatorHost host, BoxApi api) : base(host, api) { }

    /// <summary>Starts a simulator on <c>127.0.0.1</c>; <paramref name="timeProvider"/> (default: the system clock) decides which events exist and when tokens expire.</summary>
    public static Task<BoxSimulator> StartAsync(BoxSimulatorOptions options, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default) =>
        StartAsync(options, timeProvider, (o, time) => new BoxApi(o, time), (host, api) => new BoxSimulator(host, api), cancellationToken);
}
