using AuditBridge.Simulators.Core;

namespace AuditBridge.Connectors.Tests.Simulators.Core;

/// <summary>The test vendor's faults: the shared ones, plus its own 429.</summary>
internal sealed record AcmeFault : SimulatorFault<AcmeFault, AcmeRoute>, IVendorFault<AcmeFault>
{
    private AcmeFault(FaultKind kind, AcmeRoute route)
        : base(kind, route)
    {
    }

    public static AcmeFault RateLimited(int retryAfterSeconds) =>
        new(FaultKind.RateLimited, AcmeRoute.Any) { StatusCode = 429, RetryAfterSeconds = retryAfterSeconds };

    static AcmeFault IVendorFault<AcmeFault>.Create(FaultKind kind) => new(kind, AcmeRoute.Any);
}
