using System.Text.Json;
using AuditBridge.Events;
using AuditBridge.Sources.Paging;

namespace AuditBridge.Sources.Dropbox;

/// <summary>
/// The team_log plug-in of the paging engine. Position = the latest cursor (opaque, replaced on every response, pollable
/// when the query has no end time); the stream goes on while <c>has_more</c> is true. Pages are not sorted by time, and
/// events have no id: the id is the content's hash, repeats within a page numbered. When Dropbox resets the cursor
/// (<c>reset</c>, with a time) or rejects it (<c>bad_cursor</c>), the query starts again with <c>get_events</c> from the
/// restart time the engine computes; with nothing read from that cursor yet, from the query's own start, unless the
/// cursor was the user's (<c>--cursor</c>): then nothing tells which events were written.
/// </summary>
internal sealed class DropboxPaging(DropboxSourceOptions options, DropboxApiClient api, DropboxEventMapper mapper) : IPagingVendor<DropboxRequest>
{
    public PagingSettings Settings { get; } = new()
    {
        Vendor = DropboxSourceFactory.Type,
        VendorName = "Dropbox",
        ResetMargin = options.ResetMargin,
        UserPosition = options.InitialCursor,
        EarliestStart = options.Query.StartTime,
    };

    public DropboxRequest Start(string? position) => new(position, StartTime: null);

    public Task<VendorPage> FetchAsync(DropboxRequest request, CancellationToken cancellationToken) => request.Cursor is { } cursor
        ? api.ContinueAsync(cursor, cancellationToken)
        : api.GetEventsAsync(options.Query, request.StartTime, cancellationToken);

    public PageTurn<DropboxRequest> Turn(DropboxRequest request, VendorPage page) =>
        new(page.Position, page.HasMore == true ? new DropboxRequest(page.Position, StartTime: null) : null);

    public PagingRestart<DropboxRequest> Restart(PositionRefusedException refused, DateTimeOffset? restartTime, bool positionFromUser)
    {
        if (restartTime is null && positionFromUser)
        {
            throw new SourceException(
                SourceErrorKind.InvalidCheckpoint,
                $"Dropbox cannot continue the cursor given with --cursor ({refused.Code}), and nothing tells which events were already written. Start a new query with --start-time instead (and --state to keep track from now on).",
                isTransient: false);
        }

        // Nothing was seen from this cursor yet: start the query over exactly as configured.
        var start = restartTime ?? options.Query.StartTime;
        return new PagingRestart<DropboxRequest>(
            new DropboxRequest(Cursor: null, start),
            start is { } from ? $"restarting the query from {DropboxTime.Format(from)}" : "restarting the query from its start");
    }

    public Func<JsonElement, AuditEvent> MapperForPage()
    {
        // Two identical events in one page are two real events (the same action twice in one second): number the repeats
        // so both are kept. A re-read returns them in the same page again, so the numbering is stable.
        var repeats = new Dictionary<string, int>(StringComparer.Ordinal);
        return element =>
        {
            var id = DropboxEventMapper.ContentId(element);
            var occurrence = repeats[id] = repeats.GetValueOrDefault(id) + 1;
            return mapper.Map(element, occurrence > 1 ? $"{id}-{occurrence}" : id);
        };
    }
}
