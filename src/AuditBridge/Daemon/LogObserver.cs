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

    public void PollFailed(string source, Exception failure, DateTimeOffset at, DateTimeOffset? retryAt)
    {
        var message = FailureText.Scrub(redactor, failure);
        if (retryAt is { } retry)
        {
            Log.PollRetrying(logger, source, retry, message);
        }
        else
        {
            Log.PollStopped(logger, source, message);
        }
    }

    public void BatchDelivered(string sink, int events, int skipped, long position, DateTimeOffset at) =>
        Log.Delivered(logger, sink, events, skipped, position);

    public void DeliveryFailed(string sink, Exception failure, DateTimeOffset at, DateTimeOffset? retryAt)
    {
        var message = FailureText.Scrub(redactor, failure);
        if (retryAt is { } retry)
        {
            Log.DeliveryRetrying(logger, sink, retry, message);
        }
        else
        {
            Log.DeliveryStopped(logger, sink, message);
        }
    }

    public void PositionRequested(string sink, long position, DateTimeOffset at) => Log.PositionRequested(logger, sink, position);
}
