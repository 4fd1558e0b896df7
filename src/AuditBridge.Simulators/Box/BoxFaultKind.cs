namespace AuditBridge.Simulators.Box;

internal enum BoxFaultKind
{
    RateLimited,
    ServerError,
    InvalidStreamPosition,
    TruncatedBody,
    NotJson,
    ExpireAccessToken,
    Status,
    Hang,
    EchoCredentials,
    Redirect,
}
