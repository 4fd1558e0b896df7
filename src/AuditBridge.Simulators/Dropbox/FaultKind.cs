namespace AuditBridge.Simulators.Dropbox;

internal enum FaultKind
{
    RateLimited,
    ServerError,
    ResetCursor,
    BadCursor,
    TruncatedBody,
    NotJson,
    ExpireAccessToken,
    Status,
    Hang,
    EchoCredentials,
    Redirect,
}
