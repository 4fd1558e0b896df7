using AuditBridge.Diagnostics;
using Microsoft.Extensions.Logging;

namespace AuditBridge.Sources.OAuth;

internal static partial class Log
{
    [LoggerMessage(EventIds.TokenRefreshed, LogLevel.Information, "{Vendor} access token issued by the {Grant} grant (valid {LifetimeMinutes:0} min)")]
    public static partial void TokenIssued(ILogger logger, string vendor, string grant, double lifetimeMinutes);

    [LoggerMessage(EventIds.TokenRenewAfterExpiry, LogLevel.Information, "{Vendor} rejected the access token (HTTP 401); asking for a new one and trying again")]
    public static partial void TokenRejectedRenewing(ILogger logger, string vendor);
}
