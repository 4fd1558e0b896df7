using System.Diagnostics.Metrics;

namespace AuditBridge.Diagnostics;

/// <summary>
/// The one <see cref="Meter"/> of AuditBridge and its instruments, named after Vector's component events
/// (<c>auditbridge.source.events_received</c> …). Tags: <c>component</c> (the configured name), <c>type</c>
/// (dropbox, syslog …), and per instrument <c>status</c>, <c>error_type</c>, <c>stage</c>.
/// </summary>
public static class BridgeMetrics
{
    /// <summary>The meter name, for listeners and exporters.</summary>
    public const string MeterName = "AuditBridge";

    /// <summary>The meter.</summary>
    public static readonly Meter Meter = new(MeterName, "1.0");

    /// <summary>New events a source stored in the journal.</summary>
    public static readonly Counter<long> SourceEventsReceived = Meter.CreateCounter<long>("auditbridge.source.events_received", "{event}", "New events stored per source");

    /// <summary>Events a source read again and the journal already had.</summary>
    public static readonly Counter<long> SourceEventsDuplicate = Meter.CreateCounter<long>("auditbridge.source.events_duplicate", "{event}", "Repeated events dropped per source");

    /// <summary>Events a source read but could not map, kept in the journal's quarantine (each counted once).</summary>
    public static readonly Counter<long> SourceEventsQuarantined = Meter.CreateCounter<long>("auditbridge.source.events_quarantined", "{event}", "Events quarantined per source (read, not mappable, kept, never delivered)");

    /// <summary>HTTP requests to vendor APIs, by vendor and status (<c>200</c>, <c>429</c>, <c>5xx</c>, <c>error</c>).</summary>
    public static readonly Counter<long> SourceRequests = Meter.CreateCounter<long>("auditbridge.source.requests", "{request}", "Vendor API requests by status");

    /// <summary>Rate-limit answers (HTTP 429) from vendor APIs.</summary>
    public static readonly Counter<long> SourceRateLimited = Meter.CreateCounter<long>("auditbridge.source.rate_limited", "{response}", "HTTP 429 answers from vendor APIs");

    /// <summary>Events a sink handed off.</summary>
    public static readonly Counter<long> SinkEventsSent = Meter.CreateCounter<long>("auditbridge.sink.events_sent", "{event}", "Events delivered per sink");

    /// <summary>Errors by component and stage (<c>collect</c>, <c>deliver</c>).</summary>
    public static readonly Counter<long> ComponentErrors = Meter.CreateCounter<long>("auditbridge.component.errors", "{error}", "Errors by component");
}
