namespace AuditBridge.Sources.Box;

/// <summary>What changes between two <c>GET /2.0/events</c> calls of one run: the position, and the lower time bound after a restart.</summary>
/// <param name="Position">The <c>stream_position</c> to send, exactly as Box returned it; null sends none (from the oldest available event).</param>
/// <param name="CreatedAfter">The <c>created_after</c> to send (admin_logs only); the restart time after an invalid position, else the configured one.</param>
internal readonly record struct BoxEventsRequest(string? Position, DateTimeOffset? CreatedAfter);
