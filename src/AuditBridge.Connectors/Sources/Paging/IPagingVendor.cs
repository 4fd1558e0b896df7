using System.Text.Json;
using AuditBridge.Events;

namespace AuditBridge.Sources.Paging;

/// <summary>
/// What a vendor plugs into <see cref="PagingSource{TRequest}"/>: how to ask for a page, what a page means for the
/// stream, how to start over when the vendor refuses the position, and how an entry becomes an event. Everything else
/// (read-ahead, the checkpoint per page, the dedupe window, quarantine, the restart time) is the engine's.
/// </summary>
/// <typeparam name="TRequest">What changes between two calls of one read (a cursor; a position and a time bound).</typeparam>
internal interface IPagingVendor<TRequest>
    where TRequest : struct
{
    /// <summary>The vendor's settings.</summary>
    PagingSettings Settings { get; }

    /// <summary>The first request of a read: continue from <paramref name="position"/>, or start the query when it is null.</summary>
    TRequest Start(string? position);

    /// <summary>Fetches and parses one page (HTTP, retries, Retry-After and classification are the vendor client's).</summary>
    /// <exception cref="PositionRefusedException">The vendor refused the request's position; the engine restarts.</exception>
    /// <exception cref="SourceException">Any failure the client could not recover from, classified.</exception>
    Task<VendorPage> FetchAsync(TRequest request, CancellationToken cancellationToken);

    /// <summary>What <paramref name="page"/>, fetched with <paramref name="request"/>, means: the position to store and the next request.</summary>
    PageTurn<TRequest> Turn(TRequest request, VendorPage page);

    /// <summary>Where to start over after the vendor refused a position.</summary>
    /// <param name="refused">What the vendor said.</param>
    /// <param name="restartTime">
    /// The earlier of the vendor's restart hint and the newest event seen, minus the reset margin, on a whole second, never
    /// before <see cref="PagingSettings.EarliestStart"/>; null when neither is known (nothing was read from that position).
    /// </param>
    /// <param name="positionFromUser">True when the refused position is the user's (<see cref="PagingSettings.UserPosition"/>), not a checkpoint's.</param>
    /// <exception cref="SourceException">There is no safe place to restart (<see cref="SourceErrorKind.InvalidCheckpoint"/>).</exception>
    PagingRestart<TRequest> Restart(PositionRefusedException refused, DateTimeOffset? restartTime, bool positionFromUser);

    /// <summary>The mapper for the entries of one page (a new one per page, for mappers that number repeats within a page).</summary>
    Func<JsonElement, AuditEvent> MapperForPage();
}
