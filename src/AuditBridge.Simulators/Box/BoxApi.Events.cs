namespace AuditBridge.Simulators.Box;

internal sealed partial class BoxApi
{
    private const int DefaultLimit = 100;

    private static readonly JsonEncodedText EntriesName = JsonEncodedText.Encode("entries");
    private const int MaxLimit = 500;

    // Candidates examined per request: only a filter that matches nothing scans this far.
    private const int ScanBudget = 1_000_000;

    // A repeated event comes back at most this many slots after its first delivery: close in processing time, as Box's
    // at-least-once redeliveries are, yet far enough to cross page (and run) boundaries.
    private const int RepeatSpan = 64;

    /// <summary><c>GET /2.0/events</c> for the enterprise streams (saas-apis.md B.1–B.4).</summary>
    private async Task HandleEventsAsync(HttpContext context, BoxFault? fault)
    {
        var query = context.Request.Query;
        var streamType = query["stream_type"].ToString();
        if (streamType is not ("admin_logs" or "admin_logs_streaming"))
        {
            await BadParameterAsync(context, "stream_type", $"Invalid value '{streamType}'. The simulator serves the enterprise streams admin_logs and admin_logs_streaming.");
            return;
        }

        var streaming = streamType == "admin_logs_streaming";
        var limit = DefaultLimit;
        var limitText = query["limit"].ToString();
        if (limitText.Length > 0 && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            await BadParameterAsync(context, "limit", $"Invalid value '{limitText}'. limit must be an integer from 1 to {MaxLimit}.");
            return;
        }

        // explode=false: one parameter with commas (repeated parameters are accepted too).
        var eventTypes = query["event_type"].SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
        if (eventTypes.FirstOrDefault(t => !t.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_')) is { } badType)
        {
            await BadParameterAsync(context, "event_type", $"Invalid value '{badType}'.");
            return;
        }

        DateTimeOffset? createdAfter = null;
        DateTimeOffset? createdBefore = null;
        if (!streaming)
        {
            // created_after and created_before apply to admin_logs only; admin_logs_streaming ignores them, as Box does.
            foreach (var (name, assign) in new (string, Action<DateTimeOffset>)[] { ("created_after", t => createdAfter = t), ("created_before", t => createdBefore = t) })
            {
                var text = query[name].ToString();
                if (text.Length == 0)
                {
                    continue;
                }

                if (!TryParseRfc3339(text, out var time))
                {
                    await BadParameterAsync(context, name, $"Invalid value '{text}'. Expected an RFC 3339 date-time such as 2024-05-01T00:00:00-07:00.");
                    return;
                }

                assign(time);
            }
        }

        var position = query["stream_position"].ToString();
        var available = Events.GetAvailableCount(Time.GetUtcNow());
        var types = Events.TypeFilter(eventTypes);
        var page = streaming
            ? StreamingPage(position, available, types, limit)
            : AdminLogsPage(position, available, types, limit, createdAfter, createdBefore);
        if (page is not { } result)
        {
            await InvalidStreamPositionAsync(context, position);
            return;
        }

        await EventPage.SendAsync(
            context,
            Events,
            EntriesName,
            result.Entries.ToArray(),
            head: writer => WritePageHead(writer, result.Entries.Count, result.Next),
            tail: null,
            truncate: fault?.Kind == FaultKind.TruncatedBody);
    }

    /// <summary>
    /// admin_logs: events in time order from the position (or the window's start), within <c>created_after</c> (inclusive)
    /// and <c>created_before</c> (exclusive). The next position points after the last event returned. An empty page echoes
    /// the position it was sent (saas-apis.md B.8, X3).
    /// </summary>
    private (List<long> Entries, string Next)? AdminLogsPage(string position, long available, bool[]? types, int limit, DateTimeOffset? after, DateTimeOffset? before)
    {
        long start = 0;
        var echo = false;
        if (position == "now")
        {
            start = available;
        }
        else if (position is not ("" or "0"))
        {
            if (!_positions.TryDecode(streaming: false, position, out start))
            {
                return null;
            }

            echo = true;
        }

        var lower = after is { } a ? Events.FirstIndexAtOrAfter(a) : 0;
        var upper = before is { } b ? Math.Min(available, Events.FirstIndexAtOrAfter(b)) : available;
        var from = Math.Max(start, lower);
        var size = PageSize(limit, (ulong)from);
        var entries = new List<long>(size);
        var index = from;
        for (var budget = ScanBudget; index < upper && entries.Count < size && budget > 0; index++, budget--)
        {
            if (Events.Matches(index, types))
            {
                entries.Add(index);
            }
        }

        var next = _positions.Encode(streaming: false, entries.Count > 0 ? entries[^1] + 1 : echo ? start : index);
        return (entries, next);
    }

    /// <summary>
    /// admin_logs_streaming: slots of the processing order from the position; some slots bring back an earlier event too
    /// (at least once delivery). Caught up, the empty page carries position 0, or the position sent.
    /// </summary>
    private (List<long> Entries, string Next)? StreamingPage(string position, long available, bool[]? types, int limit)
    {
        var slotCount = Events.StreamingSlotCount(available);
        long slot = 0;
        if (position == "now")
        {
            return ([], _positions.Encode(streaming: true, slotCount));
        }

        if (position is not ("" or "0") && !_positions.TryDecode(streaming: true, position, out slot))
        {
            return null;
        }

        var size = PageSize(limit, (ulong)slot ^ 0x5354);
        var entries = new List<long>(size);
        (long, int[]) order = (-1, null!);
        (long, int[]) repeatOrder = (-1, null!);
        var t = slot;
        for (var budget = ScanBudget; t < slotCount && entries.Count < size && budget > 0; t++, budget--)
        {
            var index = Events.IndexOfSlot(t, slotCount, ref order);
            if (!Events.Matches(index, types))
            {
                continue;
            }

            entries.Add(index);
            if (entries.Count < size && Events.TryRepeat(t, RepeatSpan, out var earlier))
            {
                var again = Events.IndexOfSlot(earlier, slotCount, ref repeatOrder);
                if (Events.Matches(again, types))
                {
                    entries.Add(again);
                }
            }
        }

        if (entries.Count == 0)
        {
            return ([], _options.ZeroPositionWhenCaughtUp ? "0" : _positions.Encode(streaming: true, slot));
        }

        return (entries, _positions.Encode(streaming: true, t));
    }

    private int PageSize(int limit, ulong start) =>
        _options.ShortPageEvery > 0 && DeterministicHash.Mix(_pageKey ^ start) % (ulong)_options.ShortPageEvery == 0
            ? Math.Max(1, limit / 2)
            : limit;

    private static bool TryParseRfc3339(string text, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(
            text,
            ["yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"],
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out time);

    private static Task BadParameterAsync(HttpContext context, string name, string message) =>
        BoxResponses.ClientErrorAsync(context, StatusCodes.Status400BadRequest, "bad_request", "Bad Request", (name, "invalid_parameter", message));

    /// <summary><c>chunk_size</c>, then <c>next_stream_position</c> as a bare number, a string, or either page by page.</summary>
    private void WritePageHead(Utf8JsonWriter writer, int count, string next)
    {
        writer.WriteNumber("chunk_size", count);
        writer.WritePropertyName("next_stream_position");
        var asNumber = _options.PositionFormat switch
        {
            StreamPositionFormat.JsonNumber => true,
            StreamPositionFormat.JsonString => false,
            _ => (DeterministicHash.Mix(_pageKey ^ (ulong)next.Length ^ (ulong)next[^1]) & 1) == 0,
        };
        if (asNumber)
        {
            writer.WriteRawValue(next, skipInputValidation: true);
        }
        else
        {
            writer.WriteStringValue(next);
        }
    }
}
