using AuditBridge.Diagnostics;
using Microsoft.Extensions.Logging;

namespace AuditBridge.Sources.Http;

internal static partial class Log
{
    [LoggerMessage(EventIds.HttpRetrying, LogLevel.Warning, "{Vendor} {Operation}: {Reason}; retry {Attempt} of {MaxRetries} in {DelaySeconds:0.#} s")]
    public static partial void Retrying(ILogger logger, string vendor, string operation, string reason, int attempt, int maxRetries, double delaySeconds);

    [LoggerMessage(EventIds.HttpRateLimited, LogLevel.Warning, "{Vendor} {Operation}: rate limited, waiting {DelaySeconds:0.#} s as the vendor asked")]
    public static partial void RateLimited(ILogger logger, string vendor, string operation, double delaySeconds);
}
