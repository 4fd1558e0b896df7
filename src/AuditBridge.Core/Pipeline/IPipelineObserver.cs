using AuditBridge.Sinks;
using AuditBridge.Sources;

namespace AuditBridge.Pipeline;

/// <summary>
/// What the daemon's loops report as they run: the operator's view (status, metrics, logs) is built from these calls,
/// one observer per concern, combined. Every member does nothing unless implemented, so an observer of one concern
/// implements only what it needs. Implementations must be quick and must not throw.
/// </summary>
public interface IPipelineObserver
{
    /// <summary>A source is about to poll.</summary>
    void PollStarted(string source, DateTimeOffset at)
    {
    }

    /// <summary>A source stored a page: <paramref name="inserted"/> new events, <paramref name="duplicates"/> already stored.</summary>
    void PageStored(string source, int inserted, int duplicates, DateTimeOffset? newestEventTime, DateTimeOffset at)
    {
    }

    /// <summary>
    /// A stored page carried events that cannot be mapped (<see cref="SourcePage.Quarantined"/>); they are kept in the
    /// journal with the page, <paramref name="newlyKept"/> of them for the first time (the others were read before).
    /// </summary>
    void EventsQuarantined(string source, IReadOnlyList<QuarantinedEvent> events, int newlyKept, DateTimeOffset at)
    {
    }

    /// <summary>A poll ended without error.</summary>
    void PollSucceeded(string source, DateTimeOffset at)
    {
    }

    /// <summary>
    /// A poll failed (a <see cref="SourceException"/>, or a transient <see cref="Journal.JournalException"/>); the source
    /// retries (<paramref name="retryAt"/>) or is stopped when <paramref name="retryAt"/> is null.
    /// </summary>
    void PollFailed(string source, Exception failure, DateTimeOffset at, DateTimeOffset? retryAt)
    {
    }

    /// <summary>A sink handed off a batch and its position moved to <paramref name="position"/>.</summary>
    void BatchDelivered(string sink, int events, int skipped, long position, DateTimeOffset at)
    {
    }

    /// <summary>
    /// A sink failed to hand off a batch (a <see cref="SinkException"/>, or a transient journal failure while reading
    /// or moving its position); it retries (<paramref name="retryAt"/>) or is stopped when <paramref name="retryAt"/> is null.
    /// </summary>
    void DeliveryFailed(string sink, Exception failure, DateTimeOffset at, DateTimeOffset? retryAt)
    {
    }

    /// <summary>
    /// A sink's position was set by a request from another process (<c>auditbridge replay</c>): delivery continues
    /// after <paramref name="position"/>.
    /// </summary>
    void PositionRequested(string sink, long position, DateTimeOffset at)
    {
    }
}
