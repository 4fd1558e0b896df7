using AuditBridge.Simulators.Core;

namespace AuditBridge.Connectors.Tests.Simulators.Core;

/// <summary>The test vendor's options: the shared ones, a client secret and a developer token; tokens live 10 minutes.</summary>
internal sealed class AcmeOptions : SimulatorOptions
{
    public AcmeOptions()
        : base(TimeSpan.FromMinutes(10))
    {
    }

    public string ClientSecret { get; init; } = "acme-secret";

    public string DeveloperToken { get; init; } = "acme-developer-token";
}
