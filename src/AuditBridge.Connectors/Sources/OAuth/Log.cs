using AuditBridge.Diagnostics;
using Microsoft.Extensions.Logging;

namespace AuditBridge.Sources.OAuth;

internal static partial class Log
{
    // The texts are those the Dropbox and Box authorizers wrote before they became one (users and their log filters see
    // them): "Dropbox access token refreshed (valid 240 min)", "Box access token issued by JWT grant (valid 60 min)".
    [LoggerMessage(EventIds.TokenRefreshed, LogLevel.Information, "{Vendor} access token {How} (valid {LifetimeMinutes:0} min)")]
    public static partial void TokenIssued(ILogger logger, string vendor, string how, double lifetimeMinutes);

    // "Dropbox says the access token expired; refreshing it and trying again", "Box rejected the access token (401); …".
    [LoggerMessage(EventIds.TokenRenewAfterExpiry, LogLevel.Information, "{Vendor} {Renewal}")]
    public static partial void TokenRenewing(ILogger logger, string vendor, string renewal);
}
