using AuditBridge.Diagnostics;
using Microsoft.Extensions.Logging;

namespace AuditBridge.Sources.Box;

internal static partial class Log
{
    [LoggerMessage(EventIds.TokenRefreshed, LogLevel.Information, "Box access token issued by {Grant} grant (valid {LifetimeMinutes:0} min)")]
    public static partial void TokenIssued(ILogger logger, string grant, double lifetimeMinutes);

    [LoggerMessage(EventIds.TokenRenewAfterExpiry, LogLevel.Information, "Box rejected the access token (401); asking for a new one and trying again")]
    public static partial void TokenRejectedRenewing(ILogger logger);
}
