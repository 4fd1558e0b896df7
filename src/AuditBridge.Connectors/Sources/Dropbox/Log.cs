using AuditBridge.Diagnostics;
using Microsoft.Extensions.Logging;

namespace AuditBridge.Sources.Dropbox;

internal static partial class Log
{
    [LoggerMessage(EventIds.TokenRefreshed, LogLevel.Information, "Dropbox access token refreshed (valid {LifetimeMinutes:0} min)")]
    public static partial void TokenRefreshed(ILogger logger, double lifetimeMinutes);

    [LoggerMessage(EventIds.TokenRenewAfterExpiry, LogLevel.Information, "Dropbox says the access token expired; refreshing it and trying again")]
    public static partial void TokenExpiredRenewing(ILogger logger);

    [LoggerMessage(EventIds.CursorRecovered, LogLevel.Warning, "Dropbox {Reason}: restarting the query from {RestartTime:yyyy-MM-dd'T'HH:mm:ss'Z'}; events already written are recognised by id and not repeated")]
    public static partial void CursorRecovered(ILogger logger, string reason, DateTimeOffset restartTime);

    [LoggerMessage(EventIds.DuplicatesDropped, LogLevel.Debug, "Dropbox: {Count} events of a page were seen before and dropped")]
    public static partial void DuplicatesDropped(ILogger logger, int count);
}
