using AuditBridge.Diagnostics;
using Microsoft.Extensions.Logging;

namespace AuditBridge.Sources.Dashlane;

// Never log an environment value: DASHLANE_* variables hold the team's keys.
internal static partial class Log
{
    [LoggerMessage(EventIds.DcliStarting, LogLevel.Debug, "Dashlane: running {Dcli} team logs --start {StartMs} --end {EndMs} ({Start:yyyy-MM-dd'T'HH:mm:ss.fff'Z'} to {End:yyyy-MM-dd'T'HH:mm:ss.fff'Z'})")]
    public static partial void DcliStarting(ILogger logger, string dcli, long startMs, long endMs, DateTimeOffset start, DateTimeOffset end);

    [LoggerMessage(EventIds.DcliFinished, LogLevel.Information, "Dashlane: dcli printed {Lines} logs; {New} new, {Duplicates} seen before, {Outside} outside the window (Dashlane answers whole days), {Quarantined} quarantined")]
    public static partial void DcliFinished(ILogger logger, long lines, int @new, int duplicates, int outside, int quarantined);

    [LoggerMessage(EventIds.DashlaneNothingToRead, LogLevel.Information, "Dashlane: the window {Start:yyyy-MM-dd'T'HH:mm:ss'Z'} to {End:yyyy-MM-dd'T'HH:mm:ss'Z'} is empty (the end is not after the start); dcli not run")]
    public static partial void NothingToRead(ILogger logger, DateTimeOffset start, DateTimeOffset end);

    [LoggerMessage(EventIds.DashlaneFileRestarted, LogLevel.Information, "Dashlane: {Path} {Reason}; reading it from the start (logs already seen within the overlap are recognised by uuid)")]
    public static partial void FileRestarted(ILogger logger, string path, string reason);

    [LoggerMessage(EventIds.DashlaneFileWaiting, LogLevel.Information, "Dashlane: {Path} does not exist (yet); waiting for it")]
    public static partial void FileWaiting(ILogger logger, string path);

    [LoggerMessage(EventIds.DashlaneIncompleteLine, LogLevel.Warning, "Dashlane: {Path} ends with an incomplete line ({Bytes} bytes without a line break; still being written?); it is read when it is complete")]
    public static partial void IncompleteLine(ILogger logger, string path, int bytes);
}
