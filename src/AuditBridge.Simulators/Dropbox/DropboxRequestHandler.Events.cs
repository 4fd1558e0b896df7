using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace AuditBridge.Simulators.Dropbox;

internal sealed partial class DropboxRequestHandler
{
    private const string GetEventsFunction = "team_log/get_events";
    private const string ContinueFunction = "team_log/get_events/continue";

    // Candidates examined per request. Without an account_id filter every candidate matches, so this only bounds
    // sparse account scans (a few milliseconds); the page then ends early with has_more=true.
    private const int ScanBudget = 250_000;

    // Flush the response pipe about every 32 KiB so a 1000-event page streams instead of buffering a megabyte.
    private const int FlushThreshold = 32 * 1024;

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
            if (!_generator.TryFindCategory(arg.Category, out value))
            {
                await DropboxResponses.BadInputAsync(context, GetEventsFunction, $"request body: category: unknown tag '{arg.Category}'");
                return;
            }

            kind = FilterKind.Category;
        }

        if (arg.EventType is not null && !_generator.TryFindEventType(arg.EventType, out _))
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
            _generator.TryFindEventType(arg.EventType, out value);
            kind = FilterKind.EventType;
        }

        if (arg.StartTime is { } start && arg.EndTime is { } end && start >= end)
        {
            await DropboxResponses.UnionErrorAsync(context, StatusCodes.Status409Conflict, "invalid_time_range");
            return;
        }

        var account = EventFilter.NoAccount;
        if (arg.AccountId is not null && !_generator.TryFindAccount(arg.AccountId, out account))
        {
            await DropboxResponses.UnionErrorAsync(context, StatusCodes.Status409Conflict, "account_id_not_found");
            return;
        }

        var filter = new EventFilter(
            kind,
            value,
            account,
            arg.StartTime is { } from ? _generator.FirstIndexAtOrAfter(from) : 0,
            arg.EndTime is { } to ? _generator.FirstIndexAtOrAfter(to) : long.MaxValue);
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

        if (!_cursors.TryDecode(cursor, out var state) || fault?.Kind == FaultKind.BadCursor)
        {
            await DropboxResponses.UnionErrorAsync(context, StatusCodes.Status409Conflict, "bad_cursor");
            return;
        }

        if (!_resetLineages.TryGetValue(state.Lineage, out var resetAt) && fault?.Kind == FaultKind.ResetCursor)
        {
            // A.5: the payload is the approximate time of the most recent event this cursor returned.
            var at = fault.ResetAt
                ?? _generator.GetTime(state.LastReturned >= 0 ? state.LastReturned : state.Filter.StartIndex);
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
        var size = IsNth(_options.EmptyPageEvery, pageNumber) ? 0
            : IsNth(_options.ShortPageEvery, pageNumber) ? state.Limit / 2
            : state.Limit;
        var indexes = ArrayPool<long>.Shared.Rent(Math.Max(size, 1));
        try
        {
            var available = _generator.GetAvailableCount(_time.GetUtcNow());
            var scan = _generator.Scan(state.Filter, state.Position, available, indexes, size, ScanBudget);
            var page = indexes.AsMemory(0, scan.Count);
            var next = state with
            {
                PagesServed = pageNumber,
                Position = scan.Next,
                LastReturned = scan.Count > 0 ? page.Span[^1] : state.LastReturned,
            };
            Shuffle(page.Span, pageNumber);
            var cursor = _cursors.Encode(next);

            var response = context.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = DropboxResponses.JsonContentType;
            if (fault?.Kind == FaultKind.TruncatedBody)
            {
                var full = new ArrayBufferWriter<byte>(64 * 1024);
                await WritePageAsync(full, flushTarget: null, page, cursor, scan.HasMore, context.RequestAborted);
                await SendTruncatedAsync(context, full.WrittenMemory);
                return;
            }

            await WritePageAsync(response.BodyWriter, response.BodyWriter, page, cursor, scan.HasMore, context.RequestAborted);
        }
        finally
        {
            ArrayPool<long>.Shared.Return(indexes);
        }
    }

    private static bool IsNth(int every, int pageNumber) => every > 0 && pageNumber % every == 0;

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

    private async Task WritePageAsync(IBufferWriter<byte> output, PipeWriter? flushTarget, ReadOnlyMemory<long> page, string cursor, bool hasMore, CancellationToken cancellationToken)
    {
        using var writer = new Utf8JsonWriter(output, DropboxJson.EventWriterOptions);
        writer.WriteStartObject();
        writer.WriteStartArray(JsonNames.Events);
        for (var i = 0; i < page.Length; i++)
        {
            _generator.WriteEvent(writer, page.Span[i]);
            if (flushTarget is not null && writer.BytesPending >= FlushThreshold)
            {
                writer.Flush();
                var result = await flushTarget.FlushAsync(cancellationToken);
                if (result.IsCompleted || result.IsCanceled)
                {
                    return;
                }
            }
        }

        writer.WriteEndArray();
        writer.WriteString(JsonNames.Cursor, cursor);
        writer.WriteBoolean(JsonNames.HasMore, hasMore);
        writer.WriteEndObject();
        writer.Flush();
    }

    /// <summary>Announces the whole body in Content-Length, sends half of it, then drops the connection.</summary>
    private static async Task SendTruncatedAsync(HttpContext context, ReadOnlyMemory<byte> full)
    {
        var response = context.Response;
        response.ContentLength = full.Length;
        await response.Body.WriteAsync(full[..(full.Length / 2)], context.RequestAborted);
        await response.Body.FlushAsync(context.RequestAborted);
        context.Abort();
    }
}
