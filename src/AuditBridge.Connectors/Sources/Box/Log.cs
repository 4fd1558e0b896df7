using AuditBridge.Diagnostics;
using Microsoft.Extensions.Logging;

namespace AuditBridge.Sources.Box;

internal static partial class Log
{
    [LoggerMessage(EventIds.TokenRefreshed, LogLevel.Information, "Box access token issued by {Grant} grant (valid {LifetimeMinutes:0} min)")]
    public static partial void TokenIssued(ILogger logger, string grant, double lifetimeMinutes);

    [LoggerMessage(EventIds.TokenRenewAfterExpiry, LogLevel.Information, "Box rejected the access token (401); asking for a new one and trying again")]
    public static partial void TokenRejectedRenewing(ILogger logger);

    [LoggerMessage(EventIds.CursorRecovered, LogLevel.Warning, "Box refused the stream position ({Detail}): {Recovery}; events already written are recognised by event_id and not repeated")]
    public static partial void StreamPositionRecovered(ILogger logger, string detail, string recovery);

    [LoggerMessage(EventIds.DuplicatesDropped, LogLevel.Debug, "Box: {Count} events of a page were seen before and dropped")]
    public static partial void DuplicatesDropped(ILogger logger, int count);
}
