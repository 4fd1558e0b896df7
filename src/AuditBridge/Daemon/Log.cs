using Microsoft.Extensions.Logging;

namespace AuditBridge.Daemon;

internal static partial class Log
{
    [LoggerMessage(2001, LogLevel.Information, "auditbridge {Version} started: {Sources} sources, {Sinks} sinks, journal {Journal}")]
    public static partial void Started(ILogger logger, string version, int sources, int sinks, string journal);

    [LoggerMessage(2002, LogLevel.Information, "Sink {Sink}: {Description}")]
    public static partial void SinkConfigured(ILogger logger, string sink, string description);

    [LoggerMessage(2003, LogLevel.Warning, "{Kind} {Component} {Warning}")]
    public static partial void InsecureOption(ILogger logger, string kind, string component, string warning);

    [LoggerMessage(2010, LogLevel.Information, "Source {Source}: stored {Inserted} new events ({Duplicates} repeats dropped), newest {Newest}")]
    public static partial void PageStored(ILogger logger, string source, int inserted, int duplicates, string newest);

    [LoggerMessage(2013, LogLevel.Warning, "Source {Source} quarantined a {Vendor} event it cannot map ({Position}): {Error}. The other events go on; it is kept in the journal (auditbridge quarantine list)")]
    public static partial void EventQuarantined(ILogger logger, string source, string vendor, string position, string error);

    [LoggerMessage(2011, LogLevel.Warning, "Source {Source} failed and retries at {RetryAt:yyyy-MM-dd'T'HH:mm:ss'Z'}: {Error}")]
    public static partial void PollRetrying(ILogger logger, string source, DateTimeOffset retryAt, string error);

    [LoggerMessage(2012, LogLevel.Error, "Source {Source} stopped: {Error} The other sources go on.")]
    public static partial void PollStopped(ILogger logger, string source, string error);

    [LoggerMessage(2020, LogLevel.Debug, "Sink {Sink}: delivered {Events} events ({Skipped} filtered out), position {Position}")]
    public static partial void Delivered(ILogger logger, string sink, int events, int skipped, long position);

    [LoggerMessage(2021, LogLevel.Warning, "Sink {Sink} failed and retries at {RetryAt:yyyy-MM-dd'T'HH:mm:ss'Z'}; its backlog waits in the journal: {Error}")]
    public static partial void DeliveryRetrying(ILogger logger, string sink, DateTimeOffset retryAt, string error);

    [LoggerMessage(2022, LogLevel.Error, "Sink {Sink} stopped: {Error} The other sinks go on; fix it and restart, nothing is lost (the journal keeps its backlog).")]
    public static partial void DeliveryStopped(ILogger logger, string sink, string error);

    [LoggerMessage(2030, LogLevel.Information, "Retention: deleted {Count} delivered events received before {Before:yyyy-MM-dd'T'HH:mm:ss'Z'}")]
    public static partial void RetentionDeleted(ILogger logger, long count, DateTimeOffset before);

    [LoggerMessage(2040, LogLevel.Information, "Stopping: waiting up to {Seconds} s for work in flight")]
    public static partial void Stopping(ILogger logger, double seconds);

    [LoggerMessage(2041, LogLevel.Information, "Stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(2023, LogLevel.Information, "Sink {Sink}: replay requested, delivering again after sequence {Position}")]
    public static partial void PositionRequested(ILogger logger, string sink, long position);

    [LoggerMessage(2042, LogLevel.Warning, "Status not stored (the journal refused it; delivery is not affected): {Error}")]
    public static partial void StatusNotStored(ILogger logger, string error);

    [LoggerMessage(2043, LogLevel.Critical, "The journal failed and the daemon cannot go on: {Error}")]
    public static partial void JournalFailed(ILogger logger, string error);

    [LoggerMessage(2044, LogLevel.Information, "Listening for /healthz and /metrics on http://{Address}")]
    public static partial void Listening(ILogger logger, string address);

    [LoggerMessage(2047, LogLevel.Warning, "/healthz and /metrics listen on {Address}, which is not a loopback address (listen_allow_remote: true): they have no authentication; anyone who reaches it sees every source and sink with its backlog and error counts")]
    public static partial void ListeningRemotely(ILogger logger, string address);

    [LoggerMessage(2045, LogLevel.Warning, "Stop timed out after {Seconds} s: abandoned work in flight (nothing past what is stored moved)")]
    public static partial void StopTimedOut(ILogger logger, double seconds);

    [LoggerMessage(2046, LogLevel.Critical, "Cannot start: {Error}")]
    public static partial void StartFailed(ILogger logger, string error);

    [LoggerMessage(2031, LogLevel.Warning, "Retention: could not delete expired events this time (tried again later): {Error}")]
    public static partial void RetentionFailed(ILogger logger, string error);
}
