using AuditBridge.Diagnostics;
using Microsoft.Extensions.Logging;

namespace AuditBridge.Sinks.File;

internal static partial class Log
{
    [LoggerMessage(EventIds.FileTornTailCut, LogLevel.Warning, "Cut {Bytes} bytes from the end of {Path} at offset {Offset}: a record torn when the file sink last stopped in the middle of a batch, which is written again")]
    public static partial void TornTailCut(ILogger logger, string path, long offset, long bytes);
}
