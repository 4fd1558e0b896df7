using System.Runtime.CompilerServices;
using AuditBridge.Events;
using Microsoft.Extensions.Logging;

namespace AuditBridge.Sources.Box;

/// <summary>
/// The enterprise events paging loop (saas-apis.md B.4). Checkpoint = the last usable <c>next_stream_position</c>, exactly
/// as Box wrote it (an empty page's <c>0</c> never replaces it) + the newest <c>created_at</c> (UTC) + the ids of recent
/// events. Each call continues from the returned position while pages have entries; the stream ends with an empty page.
/// Every page is deduplicated on <c>event_id</c> against the window of recent ids: admin_logs_streaming repeats events and
/// does not order them, and admin_logs overlaps on re-reads. When Box refuses the position, admin_logs restarts with
/// <c>created_after</c> = newest known event time − <see cref="BoxSourceOptions.ResetMargin"/>, and admin_logs_streaming
/// re-reads from position 0 skipping events older than that time (see README.md); the window drops the overlap.
/// </summary>
internal sealed class BoxSource : ISource, IDisposable
{
    // The window keeps a little more than the restart margin, so every event between the restart time and the newest
    // time is still remembered when the overlap is re-read.
    private static readonly TimeSpan WindowSlack = TimeSpan.FromMinutes(10);

    private readonly BoxSourceOptions _options;
    private readonly BoxApiClient _api;
    private readonly BoxEventMapper _mapper;
    private readonly IDisposable _authorizer;
    private readonly ILogger _logger;

    public BoxSource(BoxSourceOptions options, BoxApiClient api, BoxEventMapper mapper, IDisposable authorizer, ILogger logger)
    {
        _options = options;
        _api = api;
        _mapper = mapper;
        _authorizer = authorizer;
        _logger = logger;
    }

    public async IAsyncEnumerable<SourcePage> ReadAsync(Checkpoint? resumeFrom, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var run = new RunState(DedupeWindow.From(resumeFrom, _options.ResetMargin + WindowSlack))
        {
            Position = resumeFrom?.Position ?? _options.InitialStreamPosition
                ?? (_options.Stream == BoxStreamType.AdminLogsStreaming ? "0" : null),
            PositionFromUser = resumeFrom?.Position is null && _options.InitialStreamPosition is not null,
            CreatedAfter = _options.CreatedAfter,
        };
        var (page, request) = await FetchAsync(run, new BoxEventsRequest(run.Position, run.CreatedAfter), cancellationToken);

        // While the caller writes page N, page N+1 is already on its way (the vendor's latency and the caller's writing
        // overlap). At most two pages are held. The window and the run state change only here, between pages, never while
        // a prefetch runs, except the restart state a prefetch's own recovery sets before its page is handed back. A
        // prefetched page the caller never asks for is dropped: its position was never handed out.
        using var prefetchStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<(BoxPage Page, BoxEventsRequest Request)>? next = null;
        try
        {
            while (true)
            {
                SourcePage result;
                using (page)
                {
                    result = ToSourcePage(page, request, run);
                }

                if (result.HasMore)
                {
                    next = FetchAsync(run, new BoxEventsRequest(run.Position, run.CreatedAfter), prefetchStop.Token);
                }

                yield return result;
                if (next is null)
                {
                    yield break;
                }

                (page, request) = await next;
                next = null;
            }
        }
        finally
        {
            if (next is not null)
            {
                await prefetchStop.CancelAsync();
                try
                {
                    (await next).Page.Dispose();
                }
                catch (Exception e) when (e is OperationCanceledException or SourceException)
                {
                    // The caller stopped reading; what the unused prefetch ran into does not matter.
                }
            }
        }
    }

    public void Dispose() => _authorizer.Dispose();

    private SourcePage ToSourcePage(BoxPage page, BoxEventsRequest request, RunState run)
    {
        var events = new List<AuditEvent>(page.Entries.Count);
        var quarantine = new EventQuarantine(BoxSourceFactory.Type);
        var duplicates = 0;
        foreach (var entry in page.Entries)
        {
            if (entry.Problem is { } problem)
            {
                quarantine.Add(page.Request, entry, problem);
                continue;
            }

            if (!quarantine.TryMap(page.Request, entry, (Mapper: _mapper, entry.Element), static state => state.Mapper.Map(state.Element), out var auditEvent))
            {
                continue;
            }

            // After a streaming re-read from 0, events before the restart time were written before the position broke.
            if ((run.ReplayCutoff is { } cutoff && auditEvent.Time < cutoff) || !run.Window.TryAdd(auditEvent.Id, auditEvent.Time))
            {
                duplicates++;
                continue;
            }

            events.Add(auditEvent);
        }

        if (duplicates > 0)
        {
            Log.DuplicatesDropped(_logger, duplicates);
        }

        // An empty page's position may be 0 ("nothing new"); storing it would restart the stream from its beginning.
        if (!page.HasNoPosition)
        {
            run.Position = page.NextPosition;
        }

        // The stream ends with an empty page (a short page proves nothing: Box returns what it has). A page that does not
        // move the position cannot be followed without reading it again forever.
        var hasMore = page.Entries.Count > 0 && !string.Equals(page.NextPosition, request.Position, StringComparison.Ordinal);
        return new SourcePage(events, run.Window.ToCheckpoint(run.Position), hasMore, duplicates) { Quarantined = quarantine.Events };
    }

    private async Task<(BoxPage Page, BoxEventsRequest Request)> FetchAsync(RunState run, BoxEventsRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return (await _api.GetEventsAsync(request, cancellationToken), request);
        }
        catch (BoxStreamPositionException failure)
        {
            // The restart request carries no position (admin_logs) or 0 (streaming), which Box cannot refuse as a position.
            var restartRequest = Restart(run, failure);
            return (await _api.GetEventsAsync(restartRequest, cancellationToken), restartRequest);
        }
    }

    /// <summary>Decides where to go on after Box refused the position, and records it in <paramref name="run"/>.</summary>
    private BoxEventsRequest Restart(RunState run, BoxStreamPositionException failure)
    {
        if (run.Window.Newest is not { } newest)
        {
            // Nothing tells which events were already written, so any restart point would either lose or repeat events.
            throw new SourceException(
                SourceErrorKind.InvalidCheckpoint,
                run.PositionFromUser
                    ? $"{failure.Message}: the stream position given with --stream-position is not one Box can continue. Start without it (with --created-after for admin_logs), or with --stream-position now to read only new events."
                    : $"{failure.Message}, and the saved state holds no event time to restart from (no event was read from that position yet). Start again without the state file, from --created-after (admin_logs) or --stream-position 0 or now (admin_logs_streaming).",
                isTransient: false,
                failure);
        }

        var restart = BoxTime.Floor(newest - _options.ResetMargin);
        if (_options.Stream == BoxStreamType.AdminLogs)
        {
            if (_options.CreatedAfter is { } start && restart < start)
            {
                restart = start;
            }

            // The broken position stays in the checkpoint until a page brings a new one: if this run ends before that,
            // the next run meets the same refusal and restarts from the same time, instead of from the very beginning.
            run.CreatedAfter = restart;
            Log.StreamPositionRecovered(_logger, failure.Message, $"restarting admin_logs from created_after={BoxTime.Format(restart)} (the newest event read minus the reset margin)");
            return new BoxEventsRequest(null, restart);
        }

        // admin_logs_streaming has no time filter. "now" would lose everything between the broken position and now; 0
        // re-reads the two weeks Box keeps, and events before the restart time are skipped as already written. Only an
        // event Box delivers more than the margin after it happened, and after the position broke, could be missed.
        run.ReplayCutoff = restart;
        Log.StreamPositionRecovered(_logger, failure.Message, $"re-reading admin_logs_streaming from position 0 and skipping events created before {BoxTime.Format(restart)} (the newest event read minus the reset margin)");
        return new BoxEventsRequest("0", null);
    }

    /// <summary>What one <see cref="ReadAsync"/> call knows; changed only between pages (see the prefetch note).</summary>
    private sealed class RunState(DedupeWindow window)
    {
        public DedupeWindow Window { get; } = window;

        /// <summary>The position to continue from and to store: the last usable one Box returned (or the starting one).</summary>
        public string? Position { get; set; }

        public bool PositionFromUser { get; init; }

        /// <summary>The <c>created_after</c> sent with every admin_logs call: the configured one, or the restart time.</summary>
        public DateTimeOffset? CreatedAfter { get; set; }

        /// <summary>After a streaming re-read from 0: events created before this time are skipped.</summary>
        public DateTimeOffset? ReplayCutoff { get; set; }
    }
}
