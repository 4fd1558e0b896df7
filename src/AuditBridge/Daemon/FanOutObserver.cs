using AuditBridge.Pipeline;
using AuditBridge.Sources;

namespace AuditBridge.Daemon;

/// <summary>Reports every happening to several observers in order (the daemon's own view, and a test's or the demo's).</summary>
internal sealed class FanOutObserver(IReadOnlyList<IPipelineObserver> observers) : IPipelineObserver
{
    public void PollStarted(string source, DateTimeOffset at)
    {
        foreach (var observer in observers)
        {
            observer.PollStarted(source, at);
        }
    }

    public void PageStored(string source, int inserted, int duplicates, DateTimeOffset? newestEventTime, DateTimeOffset at)
    {
        foreach (var observer in observers)
        {
            observer.PageStored(source, inserted, duplicates, newestEventTime, at);
        }
    }

    public void EventsQuarantined(string source, IReadOnlyList<QuarantinedEvent> events, int newlyKept, DateTimeOffset at)
    {
        foreach (var observer in observers)
        {
            observer.EventsQuarantined(source, events, newlyKept, at);
        }
    }

    public void PollSucceeded(string source, DateTimeOffset at)
    {
        foreach (var observer in observers)
        {
            observer.PollSucceeded(source, at);
        }
    }

    public void PollFailed(string source, Exception failure, DateTimeOffset at, DateTimeOffset? retryAt)
    {
        foreach (var observer in observers)
        {
            observer.PollFailed(source, failure, at, retryAt);
        }
    }

    public void BatchDelivered(string sink, int events, int skipped, long position, DateTimeOffset at)
    {
        foreach (var observer in observers)
        {
            observer.BatchDelivered(sink, events, skipped, position, at);
        }
    }

    public void DeliveryFailed(string sink, Exception failure, DateTimeOffset at, DateTimeOffset? retryAt)
    {
        foreach (var observer in observers)
        {
            observer.DeliveryFailed(sink, failure, at, retryAt);
        }
    }

    public void PositionRequested(string sink, long position, DateTimeOffset at)
    {
        foreach (var observer in observers)
        {
            observer.PositionRequested(sink, position, at);
        }
    }
}
