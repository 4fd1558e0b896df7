namespace AuditBridge.Simulators.Core;

/// <summary>What <see cref="SimulatorHost"/> runs: every request goes to <see cref="HandleAsync"/>.</summary>
internal interface ISimulatedApi : IDisposable
{
    Task HandleAsync(HttpContext context);

    /// <summary>Ends the requests a hang fault holds, so the server can stop at once.</summary>
    Task StopHangingAsync();
}
