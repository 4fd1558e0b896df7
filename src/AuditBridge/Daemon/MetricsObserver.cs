using System.Diagnostics;
using System.Diagnostics.Metrics;
using AuditBridge.Diagnostics;
using AuditBridge.Pipeline;
using AuditBridge.Sources;

namespace AuditBridge.Daemon;

/// <summary>The Prometheus counters (<c>/metrics</c>), tagged with the component's name and type.</summary>
/// <param name="types">Component name → type (dropbox, syslog …).</param>
internal sealed class MetricsObserver(IReadOnlyDictionary<string, string> types) : IPipelineObserver
{
    public void PageStored(string source, int inserted, int duplicates, DateTimeOffset? newestEventTime, DateTimeOffset at)
    {
        Count(BridgeMetrics.SourceEventsReceived, inserted, source);
        Count(BridgeMetrics.SourceEventsDuplicate, duplicates, source);
    }

    public void EventsQuarantined(string source, IReadOnlyList<QuarantinedEvent> events, int newlyKept, DateTimeOffset at) =>
        Count(BridgeMetrics.SourceEventsQuarantined, newlyKept, source);

    public void PollFailed(string source, Exception failure, DateTimeOffset at, DateTimeOffset? retryAt) =>
        Count(BridgeMetrics.ComponentErrors, 1, source, ("stage", "collect"), ("error_type", FailureText.Type(failure)));

    public void BatchDelivered(string sink, int events, int skipped, long position, DateTimeOffset at) =>
        Count(BridgeMetrics.SinkEventsSent, events, sink);

    public void DeliveryFailed(string sink, Exception failure, DateTimeOffset at, DateTimeOffset? retryAt) =>
        Count(BridgeMetrics.ComponentErrors, 1, sink, ("stage", "deliver"), ("error_type", FailureText.Type(failure)));

    private void Count(Counter<long> counter, long value, string component, params (string Key, string Value)[] extra)
    {
        if (value <= 0)
        {
            return;
        }

        var tags = new TagList { { "component", component }, { "type", types.GetValueOrDefault(component, "unknown") } };
        foreach (var (key, tagValue) in extra)
        {
            tags.Add(key, tagValue);
        }

        counter.Add(value, tags);
    }
}
