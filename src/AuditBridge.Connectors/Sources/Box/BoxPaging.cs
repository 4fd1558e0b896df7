using System.Text.Json;
using AuditBridge.Events;
using AuditBridge.Sources.Paging;

namespace AuditBridge.Sources.Box;

/// <summary>
/// The enterprise events plug-in of the paging engine (saas-apis.md B.4). Position = the last usable
/// <c>next_stream_position</c>, exactly as Box wrote it (an empty page's <c>0</c> never replaces it); each call continues
/// from it while pages have entries, and the stream ends with an empty page. Ids are <c>event_id</c>: admin_logs_streaming
/// repeats events and does not order them, admin_logs overlaps on re-reads; the engine's window drops both. When Box
/// refuses the position, admin_logs restarts with <c>created_after</c> = the engine's restart time (newest event − margin),
/// and admin_logs_streaming, which has no time filter, re-reads from position 0 skipping events older than it (README.md).
/// </summary>
internal sealed class BoxPaging(BoxSourceOptions options, BoxApiClient api, BoxEventMapper mapper) : IPagingVendor<BoxEventsRequest>
{
    private readonly Func<JsonElement, AuditEvent> _map = mapper.Map;

    public PagingSettings Settings { get; } = new()
    {
        Vendor = BoxSourceFactory.Type,
        VendorName = "Box",
        ResetMargin = options.ResetMargin,
        UserPosition = options.InitialStreamPosition,
        DefaultPosition = options.Stream == BoxStreamType.AdminLogsStreaming ? "0" : null,
        EarliestStart = options.CreatedAfter,
    };

    public BoxEventsRequest Start(string? position) => new(position, options.CreatedAfter);

    public Task<VendorPage> FetchAsync(BoxEventsRequest request, CancellationToken cancellationToken) => api.GetEventsAsync(request, cancellationToken);

    public PageTurn<BoxEventsRequest> Turn(BoxEventsRequest request, VendorPage page)
    {
        // An empty page's position may be 0 ("nothing new"); storing it would restart the stream from its beginning. The
        // stream ends with an empty page (a short page proves nothing: Box returns what it has), and a page that does not
        // move the position cannot be followed without reading it again forever. The time bound goes on unchanged (after
        // a restart, the restart time).
        var hasMore = page.Entries.Count > 0 && !string.Equals(page.Position, request.Position, StringComparison.Ordinal);
        return new(BoxPage.IsNoPosition(page.Position) ? null : page.Position, hasMore ? request with { Position = page.Position } : null);
    }

    public PagingRestart<BoxEventsRequest> Restart(PositionRefusedException refused, DateTimeOffset? restartTime, bool positionFromUser)
    {
        if (restartTime is not { } restart)
        {
            // Nothing tells which events were already written, so any restart point would either lose or repeat events.
            throw new SourceException(
                SourceErrorKind.InvalidCheckpoint,
                positionFromUser
                    ? $"{refused.Message}: the stream position given with --stream-position is not one Box can continue. Start without it (with --created-after for admin_logs), or with --stream-position now to read only new events."
                    : $"{refused.Message}, and the saved state holds no event time to restart from (no event was read from that position yet). Start again without the state file, from --created-after (admin_logs) or --stream-position 0 or now (admin_logs_streaming).",
                isTransient: false,
                refused);
        }

        if (options.Stream == BoxStreamType.AdminLogs)
        {
            // The broken position stays in the checkpoint until a page brings a new one: if this run ends before that,
            // the next run meets the same refusal and restarts from the same time, instead of from the very beginning.
            return new(new BoxEventsRequest(Position: null, restart), $"restarting admin_logs from created_after={BoxTime.Format(restart)} (the newest event read minus the reset margin)");
        }

        // admin_logs_streaming has no time filter. "now" would lose everything between the broken position and now; 0
        // re-reads the two weeks Box keeps, and events before the restart time are skipped as already written. Only an
        // event Box delivers more than the margin after it happened, and after the position broke, could be missed.
        return new(
            new BoxEventsRequest("0", CreatedAfter: null),
            $"re-reading admin_logs_streaming from position 0 and skipping events created before {BoxTime.Format(restart)} (the newest event read minus the reset margin)",
            SkipBefore: restart);
    }

    public Func<JsonElement, AuditEvent> MapperForPage() => _map;
}
