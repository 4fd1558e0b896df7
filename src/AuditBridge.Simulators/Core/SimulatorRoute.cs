namespace AuditBridge.Simulators.Core;

/// <summary>One route of a vendor's API.</summary>
/// <param name="Path">The exact request path, for example <c>/2.0/events</c>.</param>
/// <param name="Method">The one HTTP method it takes; others get the vendor's 405 with an <c>Allow</c> header.</param>
/// <param name="Bit">Its bit in the vendor's route flags (the <c>Route</c> of a fault).</param>
/// <param name="Name">Its name in the control endpoint: a fault's <c>route</c>, and its counter in <c>/_simulator/requests</c>.</param>
/// <param name="IsToken">Whether it is the OAuth token endpoint: it takes no bearer token and issues them.</param>
internal sealed record SimulatorRoute(string Path, string Method, int Bit, string Name, bool IsToken = false);
