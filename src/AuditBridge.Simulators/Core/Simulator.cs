namespace AuditBridge.Simulators.Core;

/// <summary>
/// A running vendor simulator: a Kestrel server on loopback that serves the vendor's API over the deterministic dataset
/// of <see cref="Events"/>, with faults on demand (<see cref="Faults"/>) and every request kept for assertions
/// (<see cref="Requests"/>). Each vendor's simulator derives from it and adds its <c>StartAsync</c>. See docs/simulators.md.
/// </summary>
/// <typeparam name="TEvents">The vendor's dataset.</typeparam>
/// <typeparam name="TFault">The vendor's fault record.</typeparam>
public abstract class Simulator<TEvents, TFault> : IAsyncDisposable
    where TEvents : EventGenerator
    where TFault : SimulatorFault
{
    private readonly SimulatorHost _host;
    private readonly RequestLog _log;

    private protected Simulator(SimulatorHost host, FaultQueue<TFault> faults, RequestLog log, TEvents events)
    {
        _host = host;
        _log = log;
        Faults = faults;
        Events = events;
    }

    /// <summary><c>http://127.0.0.1:&lt;port&gt;/</c>: the API routes and <c>/oauth2/token</c> live under it.</summary>
    public Uri BaseUrl => _host.BaseUrl;

    /// <summary>Faults to produce on upcoming requests.</summary>
    public FaultQueue<TFault> Faults { get; }

    /// <summary>The last 10,000 requests received on the API and token routes (and unknown paths), oldest first; control requests are not kept.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _log.Snapshot();

    /// <summary>The dataset being served.</summary>
    public TEvents Events { get; }

    /// <summary>Stops listening; hanging requests are aborted.</summary>
    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return _host.DisposeAsync();
    }

    /// <summary>Starts <paramref name="api"/> on the options' port.</summary>
    private protected static Task<SimulatorHost> HostAsync(SimulatorOptions options, ISimulatedApi api, CancellationToken cancellationToken) =>
        SimulatorHost.StartAsync(options.Port, api, cancellationToken);
}
