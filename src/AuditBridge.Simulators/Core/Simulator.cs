namespace AuditBridge.Simulators.Core;

/// <summary>
/// A running vendor simulator: a Kestrel server on loopback that serves the vendor's API over the deterministic dataset
/// of <see cref="Events"/>, with faults on demand (<see cref="Faults"/>) and every request kept for assertions
/// (<see cref="Requests"/>). Each vendor's simulator derives from it and adds its <c>StartAsync</c>, which names the
/// vendor's options and API. See docs/simulators.md and Core/README.md.
/// </summary>
/// <typeparam name="TEvents">The vendor's dataset.</typeparam>
/// <typeparam name="TFault">The vendor's fault record.</typeparam>
public abstract class Simulator<TEvents, TFault> : IAsyncDisposable
    where TEvents : EventGenerator
    where TFault : SimulatorFault
{
    private readonly SimulatorHost _host;
    private readonly RequestLog _log;

    private protected Simulator(SimulatorHost host, ISimulatedApi<TEvents, TFault> api)
    {
        _host = host;
        _log = api.Log;
        Faults = api.Faults;
        Events = api.Events;
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

    /// <summary>
    /// Creates the vendor's API for <paramref name="options"/> (whose dataset checks them), starts it on the options' port,
    /// and wraps the running server in the vendor's simulator type.
    /// </summary>
    /// <param name="options">The vendor's options.</param>
    /// <param name="timeProvider">Decides which events exist and when tokens expire; null: the system clock.</param>
    /// <param name="createApi">The vendor's API over its options and the clock.</param>
    /// <param name="wrap">The vendor simulator's constructor.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    private protected static async Task<TSimulator> StartAsync<TSimulator, TOptions, TApi>(
        TOptions options,
        TimeProvider? timeProvider,
        Func<TOptions, TimeProvider, TApi> createApi,
        Func<SimulatorHost, TApi, TSimulator> wrap,
        CancellationToken cancellationToken)
        where TOptions : SimulatorOptions
        where TApi : ISimulatedApi<TEvents, TFault>
    {
        ArgumentNullException.ThrowIfNull(options);
        var api = createApi(options, timeProvider ?? TimeProvider.System);
        return wrap(await SimulatorHost.StartAsync(options.Port, api, cancellationToken), api);
    }
}
