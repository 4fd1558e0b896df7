using AuditBridge.Diagnostics;
using Microsoft.Extensions.Logging;

namespace AuditBridge.Sources.Paging;

internal static partial class Log
{
    [LoggerMessage(EventIds.CursorRecovered, LogLevel.Warning, "{Refusal}: {Recovery}; events already written are recognised by their id and not repeated")]
    public static partial void PositionRefused(ILogger logger, string refusal, string recovery);

    [LoggerMessage(EventIds.DuplicatesDropped, LogLevel.Debug, "{Vendor}: {Count} events of a page were seen before and dropped")]
    public static partial void DuplicatesDropped(ILogger logger, string vendor, int count);
}
