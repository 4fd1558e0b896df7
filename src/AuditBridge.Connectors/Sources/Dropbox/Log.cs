using AuditBridge.Diagnostics;
using Microsoft.Extensions.Logging;

namespace AuditBridge.Sources.Dropbox;

internal static partial class Log
{
    [LoggerMessage(EventIds.TokenRefreshed, LogLevel.Information, "Dropbox access token refreshed (valid {LifetimeMinutes:0} min)")]
    public static partial void TokenRefreshed(ILogger logger, double lifetimeMinutes);

    [LoggerMessage(EventIds.TokenRenewAfterExpiry, LogLevel.Information, "Dropbox says the access token expired; refreshing it and trying again")]
    public static partial void TokenExpiredRenewing(ILogger logger);
}
