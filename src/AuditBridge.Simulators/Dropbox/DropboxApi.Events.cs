using System.Buffers;

namespace AuditBridge.Simulators.Dropbox;

internal sealed partial class DropboxApi
{
    private const string GetEventsFunction = "team_log/get_events";
    private const string ContinueFunction = "team_log/get_events/continue";

    // Candidates examined per request. Without an account_id filter every candidate matches, so this only bounds
    // sparse account scans (a few milliseconds); the page then ends early with has_more=true.
    private const int ScanBudget = 250_000;

    private readonly ulong _lineageKey;
    private readonly ulong _shuffleKey;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<ulong, string> _resetLineages = new();
    private long _queries;

    private async Task HandleGetEventsAsync(HttpContext context, byte[] body, DropboxFault? fault)
    {
        if (!GetEventsArg.TryParse(body, out var arg, out var error))
        {
            await DropboxResponses.BadInputAsync(context, GetEventsFunction, error);
            return;
        }

        var kind = FilterKind.None;
        var value = 0;
        if (arg.Category is not null)
        {
            if (!Events.TryFindCategory(arg.Category, out value))
            {
                await DropboxResponses.BadInputAsync(context, GetEventsFunction, $"request body: category: unknown tag '{arg.Category}'");
                return;
            }

            kind = FilterKind.Category;
        }

        if (arg.EventType is not null && !Events.TryFindEventType(arg.EventType, out _))
        {
            await DropboxResponses.BadInputAsync(context, GetEventsFunction, $"request body: event_type: unknown tag '{arg.EventType}'");
            return;
        }

        if (arg.Category is not null && arg.EventType is not null)
        {
            await DropboxResponses.UnionErrorAsync(context, StatusCodes.Status409Conflict, "invalid_filters");
            return;
        }

        if (arg.EventType is not null)
        {
            Events.TryFindEventType(arg.EventType, out value);
            kind = FilterKind.EventType;
        }

        if (arg.StartTime is { } start && arg.EndTime is { } end && start >= end)
        {
            await DropboxResponses.UnionErrorAsync(context, StatusCodes.Status409Conflict, "invalid_time_range");
            return;
        }

        var account = EventFilter.NoAccount;
        if (arg.AccountId is not null && !Events.TryFindAccount(arg.AccountId, out account))
        {
            await DropboxResponses.UnionErrorAsync(context, StatusCodes.Status409Conflict, "account_id_not_found");
            return;
        }

        var filter = new EventFilter(
            kind,
            value,
            account,
            arg.StartTime is { } from ? Events.FirstIndexAtOrAfter(from) : 0,
            arg.EndTime is { } to ? Events.FirstIndexAtOrAfter(to) : long.MaxValue);
        var lineage = DeterministicHash.Mix(_lineageKey ^ (ulong)Interlocked.Increment(ref _queries));
        var state = new CursorState(lineage, PagesServed: 0, Position: filter.StartIndex, LastReturned: -1, arg.Limit, filter);
        await ServePageAsync(context, state, fault);
    }

    private async Task HandleContinueAsync(HttpContext context, byte[] body, DropboxFault? fault)
    {
        if (!TryReadCursor(body, out var cursor, out var error))
        {
            await DropboxResponses.BadInputAsync(context, ContinueFunction, error);
            return;
        }

        if (!_cursors.TryDecode(cursor, out var state) || fault?.CursorKind == DropboxFaultKind.BadCursor)
        {
            await DropboxResponses.UnionErrorAsync(context, StatusCodes.Status409Conflict, "bad_cursor");
            return;
        }

        if (!_resetLineages.TryGetValue(state.Lineage, out var resetAt) && fault?.CursorKind == DropboxFaultKind.ResetCursor)
        {
            // A.5: the payload is the approximate time of the most recent event this cursor returned.
            var at = fault.ResetAt
                ?? Events.GetTime(state.LastReturned >= 0 ? state.LastReturned : state.Filter.StartIndex);
            resetAt = _resetLineages.GetOrAdd(state.Lineage, DropboxTimestamp.Format(at));
        }

        if (resetAt is not null)
        {
            await DropboxResponses.UnionErrorAsync(context, StatusCodes.Status409Conflict, "reset", resetAt);
            return;
        }

        await ServePageAsync(context, state, fault);
    }

    private static bool TryReadCursor(byte[] body, out string? cursor, out string error)
    {
        cursor = null;
        error = "request body: missing required field 'cursor'";
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = "request body: expected a JSON object";
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                if (name == "cursor" && reader.TokenType == JsonTokenType.String)
                {
                    cursor = reader.GetString();
                }
                else if (name == "cursor")
                {
                    error = "request body: cursor: expected a string";
                    return false;
                }
                else
                {
                    reader.Skip();
                }
            }

            return cursor is not null;
        }
        catch (JsonException)
        {
            error = "request body: could not decode input as JSON";
            return false;
        }
    }

    private async Task ServePageAsync(HttpContext context, CursorState state, DropboxFault? fault)
    {
        var pageNumber = state.PagesServed + 1;
        var size = Cadence.IsNth(_options.EmptyPageEvery, state.PagesServed) ? 0
            : Cadence.IsNth(_options.ShortPageEvery, state.PagesServed) ? state.Limit / 2
            : state.Limit;
        var indexes = ArrayPool<long>.Shared.Rent(Math.Max(size, 1));
        try
        {
            var available = Events.GetAvailableCount(Time.GetUtcNow());
            var scan = Events.Scan(state.Filter, state.Position, available, indexes, size, ScanBudget);
            var page = indexes.AsMemory(0, scan.Count);
            var next = state with
            {
                PagesServed = pageNumber,
                Position = scan.Next,
                LastReturned = scan.Count > 0 ? page.Span[^1] : state.LastReturned,
            };
            Shuffle(page.Span, pageNumber);
            var cursor = _cursors.Encode(next);

            await EventPage.SendAsync(
                context,
                Events,
                JsonNames.Events,
                page,
                head: null,
                tail: writer =>
                {
                    writer.WriteString(JsonNames.Cursor, cursor);
                    writer.WriteBoolean(JsonNames.HasMore, scan.HasMore);
                },
                truncate: fault?.Kind == FaultKind.TruncatedBody);
        }
        finally
        {
            ArrayPool<long>.Shared.Return(indexes);
        }
    }

    /// <summary>
    /// Pages are not sorted by timestamp (A.4), so neither are ours: a deterministic shuffle of the page, reversed
    /// if it happens to come out in order, so every page of two or more events is out of order.
    /// </summary>
    private void Shuffle(Span<long> page, int pageNumber)
    {
        if (page.Length < 2)
        {
            return;
        }

        var state = DeterministicHash.Mix(_shuffleKey ^ (ulong)page[0] ^ ((ulong)pageNumber << 40));
        for (var i = page.Length - 1; i > 0; i--)
        {
            state = DeterministicHash.Mix(state);
            var j = DeterministicHash.High(state, i + 1);
            (page[i], page[j]) = (page[j], page[i]);
        }

        for (var i = 1; i < page.Length; i++)
        {
            if (page[i] < page[i - 1])
            {
                return;
            }
        }

        page.Reverse();
    }
}
