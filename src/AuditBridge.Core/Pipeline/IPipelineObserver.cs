using AuditBridge.Sinks;
using AuditBridge.Sources;

namespace AuditBridge.Pipeline;

/// <summary>
/// What the daemon's loops report as they run: the operator's view (status, metrics, logs) is built from these calls.
/// Implementations must be quick and must not throw.
/// </summary>
public interface IPipelineObserver
{
    /// <summary>A source is about to poll.</summary>
    void PollStarted(string source, DateTimeOffset at);

    /// <summary>A source stored a page: <paramref name="inserted"/> new events, <paramref name="duplicates"/> already stored.</summary>
    void PageStored(string source, int inserted, int duplicates, DateTimeOffset? newestEventTime, DateTimeOffset at);

    /// <summary>A poll ended without error.</summary>
    void PollSucceeded(string source, DateTimeOffset at);

    /// <summary>A poll failed; the source retries (<paramref name="retryAt"/>) or is stopped when the failure is permanent.</summary>
    void PollFailed(string source, SourceException failure, DateTimeOffset at, DateTimeOffset? retryAt);

    /// <summary>A sink handed off a batch and its position moved to <paramref name="position"/>.</summary>
    void BatchDelivered(string sink, int events, int skipped, long position, DateTimeOffset at);

    /// <summary>A sink failed to hand off a batch; it retries (<paramref name="retryAt"/>) or is stopped when the failure is permanent.</summary>
    void DeliveryFailed(string sink, SinkException failure, DateTimeOffset at, DateTimeOffset? retryAt);
}
