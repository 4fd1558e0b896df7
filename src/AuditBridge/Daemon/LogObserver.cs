using System.Globalization;
using AuditBridge.Pipeline;
using AuditBridge.Secrets;
using AuditBridge.Sources;
using Microsoft.Extensions.Logging;

namespace AuditBridge.Daemon;

/// <summary>The daemon's log: one line per significant happening (a stored page, a retry, a stop, a replay).</summary>
internal sealed class LogObserver(ILogger logger, SecretRedactor redactor) : IPipelineObserver
{
    public void PageStored(string source, int inserted, int duplicates, DateTimeOffset? newestEventTime, DateTimeOffset at)
    {
        if (inserted > 0)
        {
            Log.PageStored(logger, source, inserted, duplicates, newestEventTime?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-");
        }
    }

    public void EventsQuarantined(string source, IReadOnlyList<QuarantinedEvent> events, int newlyKept, DateTimeOffset at)
    {
        if (newlyKept == 0)
        {
            // Read again in an overlap: reported when it was first kept.
            return;
        }

        foreach (var quarantined in events)
        {
            Log.EventQuarantined(logger, source, quarantined.Vendor, quarantined.Position, quarantined.Error);
        }
    }

    public void PollFailed(string source, Exception failure, DateTimeOffset at, DateTimeOffset? retryAt) =>
        Failed(failure, retryAt, source, Log.PollRetrying, Log.PollStopped);

    public void BatchDelivered(string sink, int events, int skipped, long position, DateTimeOffset at) =>
        Log.Delivered(logger, sink, events, skipped, position);

    public void DeliveryFailed(string sink, Exception failure, DateTimeOffset at, DateTimeOffset? retryAt) =>
        Failed(failure, retryAt, sink, Log.DeliveryRetrying, Log.DeliveryStopped);

    public void PositionRequested(string sink, long position, DateTimeOffset at) => Log.PositionRequested(logger, sink, position);

    // A source's and a sink's failure read alike: retrying (with when) or stopped for good.
    private void Failed(
        Exception failure,
        DateTimeOffset? retryAt,
        string component,
        Action<ILogger, string, DateTimeOffset, string> retrying,
        Action<ILogger, string, string> stopped)
    {
        var message = FailureText.Scrub(redactor, failure);
        if (retryAt is { } retry)
        {
            retrying(logger, component, retry, message);
        }
        else
        {
            stopped(logger, component, message);
        }
    }
}
