using AuditBridge.Simulators.Core;

namespace AuditBridge.Connectors.Tests.Simulators.Core;

/// <summary>The test vendor's running simulator: what each vendor's public simulator type amounts to.</summary>
internal sealed class AcmeSimulator : Simulator<AcmeEvents, AcmeFault>
{
    private AcmeSimulator(SimulatorHost host, AcmeApi api) : base(host, api) { }

    public static Task<AcmeSimulator> StartAsync(AcmeOptions options, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default) =>
        StartAsync(options, timeProvider, (o, time) => new AcmeApi(o, time), (host, api) => new AcmeSimulator(host, api), cancellationToken);
}
