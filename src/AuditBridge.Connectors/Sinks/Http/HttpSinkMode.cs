namespace AuditBridge.Sinks.Http;

/// <summary>What the <c>http</c> sink posts.</summary>
public enum HttpSinkMode
{
    /// <summary>
    /// One record per line (LF), the batch in one request body: <c>application/x-ndjson</c> with the <c>json</c>
    /// format, <c>text/plain</c> with line formats such as CEF or LEEF. For webhooks and generic HTTP collectors.
    /// </summary>
    Ndjson,

    /// <summary>
    /// Splunk HTTP Event Collector, JSON event protocol: one <c>{"time":…,"host":…,"event":…}</c> object per record,
    /// concatenated, posted to <c>/services/collector/event</c> with <c>Authorization: Splunk &lt;token&gt;</c>.
    /// </summary>
    SplunkHec,
}
