using System.Runtime.CompilerServices;
using System.Text.Json;
using AuditBridge.Events;
using Microsoft.Extensions.Logging;

namespace AuditBridge.Sources.Dropbox;

/// <summary>
/// The team_log paging loop. Checkpoint = the latest cursor (opaque, replaced on every response, pollable when the query
/// has no end time) + the newest event time + the ids of recent events. Pages are not sorted, so the newest time is a
/// maximum, and every page is deduplicated against the window of recent ids. When the cursor is reset or rejected, the
/// query restarts from the newest known event time minus <see cref="DropboxSourceOptions.ResetMargin"/>; the window drops
/// the overlap, so nothing is missing and nothing repeats.
/// </summary>
internal sealed class DropboxSource : ISource, IDisposable
{
    // The window keeps a little more than the restart margin, so events between the restart time and the newest time are
    // all remembered even when a reset time is slightly older than the newest event seen.
    private static readonly TimeSpan WindowSlack = TimeSpan.FromMinutes(10);

    private readonly DropboxSourceOptions _options;
    private readonly DropboxApiClient _api;
    private readonly DropboxEventMapper _mapper;
    private readonly IDisposable _authorizer;
    private readonly ILogger _logger;

    public DropboxSource(DropboxSourceOptions options, DropboxApiClient api, DropboxEventMapper mapper, IDisposable authorizer, ILogger logger)
    {
        _options = options;
        _api = api;
        _mapper = mapper;
        _authorizer = authorizer;
        _logger = logger;
    }

    public async IAsyncEnumerable<SourcePage> ReadAsync(Checkpoint? resumeFrom, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var window = DedupeWindow.From(resumeFrom, _options.ResetMargin + WindowSlack);
        var cursor = resumeFrom?.Position ?? _options.InitialCursor;
        var cursorFromUser = resumeFrom?.Position is null && _options.InitialCursor is not null;
        var page = cursor is null
            ? await _api.GetEventsAsync(_options.Query, startTime: null, cancellationToken)
            : await ContinueOrRestartAsync(cursor, window, cursorFromUser, cancellationToken);

        // While the caller writes page N, page N+1 is already on its way: the vendor's latency and the caller's writing
        // overlap. At most two pages are held, and a prefetched page the caller never asks for is simply dropped (its
        // cursor was never handed out, so no checkpoint can point past it).
        using var prefetchStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<DropboxPage>? next = null;
        try
        {
            while (true)
            {
                SourcePage result;
                using (page)
                {
                    result = ToSourcePage(page, window);
                }

                if (result.HasMore)
                {
                    next = ContinueOrRestartAsync(result.Checkpoint.Position!, window, cursorFromUser: false, prefetchStop.Token);
                }

                yield return result;
                if (next is null)
                {
                    yield break;
                }

                page = await next;
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
                    (await next).Dispose();
                }
                catch (Exception e) when (e is OperationCanceledException or SourceException)
                {
                    // The caller stopped reading; what the unused prefetch ran into does not matter.
                }
            }
        }
    }

    public void Dispose() => _authorizer.Dispose();

    private SourcePage ToSourcePage(DropboxPage page, DedupeWindow window)
    {
        var events = new List<AuditEvent>(page.Events.Count);
        var quarantine = new EventQuarantine(DropboxSourceFactory.Type);
        var repeats = new Dictionary<string, int>(StringComparer.Ordinal);
        var duplicates = 0;
        foreach (var entry in page.Events)
        {
            if (entry.Problem is { } problem)
            {
                quarantine.Add(page.Request, entry, problem);
                continue;
            }

            if (!quarantine.TryMap(page.Request, entry, (Source: this, Repeats: repeats, entry.Element), static state => state.Source.Map(state.Element, state.Repeats), out var auditEvent))
            {
                continue;
            }

            if (window.TryAdd(auditEvent.Id, auditEvent.Time))
            {
                events.Add(auditEvent);
            }
            else
            {
                duplicates++;
            }
        }

        if (duplicates > 0)
        {
            Log.DuplicatesDropped(_logger, duplicates);
        }

        return new SourcePage(events, window.ToCheckpoint(page.Cursor), page.HasMore, duplicates) { Quarantined = quarantine.Events };
    }

    private AuditEvent Map(JsonElement element, Dictionary<string, int> repeats)
    {
        var id = DropboxEventMapper.ContentId(element);

        // Two identical events in one page are two real events (the same action twice in one second): number the
        // repeats so both are kept. A re-read returns them in the same page again, so the numbering is stable.
        var occurrence = repeats[id] = repeats.GetValueOrDefault(id) + 1;
        if (occurrence > 1)
        {
            id = $"{id}-{occurrence}";
        }

        return _mapper.Map(element, id);
    }

    private async Task<DropboxPage> ContinueOrRestartAsync(string cursor, DedupeWindow window, bool cursorFromUser, CancellationToken cancellationToken)
    {
        try
        {
            return await _api.ContinueAsync(cursor, cancellationToken);
        }
        catch (DropboxCursorException failure)
        {
            var anchor = Earliest(failure.ResetTime, window.Newest);
            DateTimeOffset? restart;
            if (anchor is { } known)
            {
                restart = DropboxTime.Floor(known - _options.ResetMargin);
                if (_options.Query.StartTime is { } start && restart < start)
                {
                    restart = start;
                }
            }
            else if (cursorFromUser)
            {
                throw new SourceException(
                    SourceErrorKind.InvalidCheckpoint,
                    $"Dropbox cannot continue the cursor given with --cursor ({failure.Tag}), and nothing tells which events were already written. Start a new query with --start-time instead (and --state to keep track from now on).",
                    isTransient: false);
            }
            else
            {
                // Nothing was seen from this cursor yet: start the query over exactly as configured.
                restart = _options.Query.StartTime;
            }

            Log.CursorRecovered(_logger, failure.Tag == "reset" ? "reset the cursor" : "rejected the cursor (bad_cursor)", restart ?? DateTimeOffset.UnixEpoch);
            return await _api.GetEventsAsync(_options.Query, restart, cancellationToken);
        }
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a < b ? a : b;
}
