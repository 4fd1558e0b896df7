namespace AuditBridge.Simulators.Core;

/// <summary>
/// The faults the core knows how to produce. <see cref="RateLimited"/> and <see cref="ServerError"/> take the vendor's
/// body shape; <see cref="VendorDefined"/> is a fault only the vendor understands (a cursor reset, a refused position).
/// </summary>
internal enum FaultKind
{
    RateLimited,
    ServerError,
    TruncatedBody,
    NotJson,
    ExpireAccessToken,
    Status,
    Hang,
    EchoCredentials,
    Redirect,
    VendorDefined,
}
