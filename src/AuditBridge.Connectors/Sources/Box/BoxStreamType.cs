namespace AuditBridge.Sources.Box;

/// <summary>Which enterprise event stream to read (saas-apis.md B.2).</summary>
public enum BoxStreamType
{
    /// <summary>
    /// <c>admin_logs</c>, the Enterprise Event History: one year of events, in event-time order, with
    /// <c>created_after</c>/<c>created_before</c> windows; higher latency (late events may arrive behind the position).
    /// </summary>
    AdminLogs,

    /// <summary>
    /// <c>admin_logs_streaming</c>, the Enterprise Event Stream: two weeks of events, lower latency, in processing order
    /// (not by event time), delivered at least once (events repeat); no time windows.
    /// </summary>
    AdminLogsStreaming,
}
