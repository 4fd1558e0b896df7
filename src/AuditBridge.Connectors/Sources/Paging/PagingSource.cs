using System.Runtime.CompilerServices;
using AuditBridge.Events;
using Microsoft.Extensions.Logging;

namespace AuditBridge.Sources.Paging;

/// <summary>
/// The paging engine of the HTTP vendors (README.md): a vendor plugs in its request, its page and its restart
/// (<see cref="IPagingVendor{TRequest}"/>); the engine reads the pages one ahead, maps and deduplicates each page, and
/// hands it out with the checkpoint that is valid once it is stored.
/// </summary>
/// <remarks>
/// <para>
/// Checkpoint = the last usable position (a page without one never replaces it) + the newest event time seen (pages
/// need not be sorted, so it is a maximum) + the ids of the events within the reset margin of it. Every page is
/// deduplicated against that window: vendors repeat events (Box's streaming stream), and every restart re-reads an overlap.
/// </para>
/// <para>
/// When the vendor refuses a position (<see cref="PositionRefusedException"/>), the read restarts from the earlier of the
/// vendor's hint and the newest event seen, minus the margin, on a whole second, never before the configured start; the
/// window drops the overlap, so nothing is missing and nothing repeats. Retries, Retry-After, backoff and the
/// classification of failures are the vendor HTTP client's; an entry that is no event, or whose mapping fails, is
/// quarantined with where it was, and costs only itself.
/// </para>
/// </remarks>
internal sealed class PagingSource<TRequest> : ISource, IDisposable
    where TRequest : struct
{
    /// <summary>
    /// The window keeps a little more than the restart margin, so every event between the restart time and the newest time
    /// is still remembered when the overlap is re-read, even when the vendor's restart hint is a little older than the newest.
    /// </summary>
    internal static readonly TimeSpan WindowSlack = TimeSpan.FromMinutes(10);

    private readonly IPagingVendor<TRequest> _vendor;
    private readonly IDisposable? _owned;
    private readonly ILogger _logger;

    /// <param name="vendor">The vendor's plug-in.</param>
    /// <param name="owned">Disposed with the source (the token authorizer).</param>
    /// <param name="logger">Where duplicates and restarts are reported.</param>
    public PagingSource(IPagingVendor<TRequest> vendor, IDisposable? owned, ILogger logger)
    {
        _vendor = vendor;
        _owned = owned;
        _logger = logger;
    }

    public async IAsyncEnumerable<SourcePage> ReadAsync(Checkpoint? resumeFrom, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var settings = _vendor.Settings;
        var run = new Run(DedupeWindow.From(resumeFrom, settings.ResetMargin + WindowSlack))
        {
            Position = resumeFrom?.Position ?? settings.UserPosition ?? settings.DefaultPosition,
            PositionFromUser = resumeFrom?.Position is null && settings.UserPosition is not null,
        };
        var (page, request) = await FetchAsync(run, _vendor.Start(run.Position), cancellationToken);

        // While the caller writes page N, page N+1 is already on its way: the vendor's latency and the caller's writing
        // overlap. At most two pages are held. The run changes only here, between pages, never while a prefetch runs,
        // except the restart state a prefetch's own recovery sets before its page is handed back. A prefetched page the
        // caller never asks for is dropped: its position was never handed out, so no checkpoint can point past it.
        using var prefetchStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<(VendorPage Page, TRequest Request)>? next = null;
        try
        {
            while (true)
            {
                SourcePage result;
                TRequest? following;
                using (page)
                {
                    (result, following) = ToSourcePage(page, request, run);
                }

                if (following is { } nextRequest)
                {
                    next = FetchAsync(run, nextRequest, prefetchStop.Token);
                }

                yield return result;
                if (next is null)
                {
                    yield break;
                }

                (page, request) = await next;
                next = null;

                // The read-ahead page may have arrived although the caller stopped while it held the last one: not handed out.
                if (cancellationToken.IsCancellationRequested)
                {
                    page.Dispose();
                    cancellationToken.ThrowIfCancellationRequested();
                }
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

    public void Dispose() => _owned?.Dispose();

    private (SourcePage Page, TRequest? Next) ToSourcePage(VendorPage page, TRequest request, Run run)
    {
        var settings = _vendor.Settings;
        var events = new List<AuditEvent>(page.Entries.Count);
        var quarantine = new EventQuarantine(settings.Vendor);
        var map = _vendor.MapperForPage();
        var duplicates = 0;
        foreach (var entry in page.Entries)
        {
            if (entry.Problem is { } problem)
            {
                quarantine.Add(page.Request, entry, problem);
                continue;
            }

            if (!quarantine.TryMap(page.Request, entry, (Map: map, entry.Element), static state => state.Map(state.Element), out var auditEvent))
            {
                continue;
            }

            // After a re-read from the beginning, events before the restart time were written before the position broke.
            if ((run.SkipBefore is { } cutoff && auditEvent.Time < cutoff) || !run.Window.TryAdd(auditEvent.Id, auditEvent.Time))
            {
                duplicates++;
                continue;
            }

            events.Add(auditEvent);
        }

        if (duplicates > 0)
        {
            Log.DuplicatesDropped(_logger, settings.VendorName, duplicates);
        }

        var turn = _vendor.Turn(request, page);
        if (turn.Position is { } position)
        {
            run.Position = position;
            run.PositionFromUser = false;
        }

        return (new SourcePage(events, run.Window.ToCheckpoint(run.Position), turn.Next is not null, duplicates) { Quarantined = quarantine.Events }, turn.Next);
    }

    private async Task<(VendorPage Page, TRequest Request)> FetchAsync(Run run, TRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return (await _vendor.FetchAsync(request, cancellationToken), request);
        }
        catch (PositionRefusedException refused)
        {
            // The restart request carries no position the vendor could refuse (a time, or the stream's beginning).
            var restart = _vendor.Restart(refused, RestartTime(refused.RestartHint, run.Window.Newest), run.PositionFromUser);
            if (restart.SkipBefore is { } skipBefore)
            {
                run.SkipBefore = skipBefore;
            }

            Log.PositionRefused(_logger, refused.Message, restart.Recovery);
            return (await _vendor.FetchAsync(restart.Request, cancellationToken), restart.Request);
        }
    }

    /// <summary>The earlier of the hint and the newest event seen, minus the margin, on a whole second, never before the configured start.</summary>
    private DateTimeOffset? RestartTime(DateTimeOffset? hint, DateTimeOffset? newest)
    {
        var anchor = hint is null ? newest : newest is null ? hint : hint < newest ? hint : newest;
        if (anchor is not { } known)
        {
            return null;
        }

        var restart = PagingTime.FloorToSecond(known - _vendor.Settings.ResetMargin);
        return _vendor.Settings.EarliestStart is { } start && restart < start ? start : restart;
    }

    /// <summary>What one <see cref="ReadAsync"/> call knows; changed only between pages (see the prefetch note).</summary>
    private sealed class Run(DedupeWindow window)
    {
        public DedupeWindow Window { get; } = window;

        /// <summary>The position to store: the last usable one the vendor returned (or the starting one).</summary>
        public string? Position { get; set; }

        /// <summary>True while the position is still the one the user gave (no page has brought another yet).</summary>
        public bool PositionFromUser { get; set; }

        /// <summary>After a re-read from the beginning: events that happened before this time are dropped as repeats.</summary>
        public DateTimeOffset? SkipBefore { get; set; }
    }
}
