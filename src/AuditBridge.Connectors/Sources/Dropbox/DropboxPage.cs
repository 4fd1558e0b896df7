using System.Buffers;
using System.Globalization;
using System.Text.Json;
using AuditBridge.Sources.Http;
using AuditBridge.Sources.Json;

namespace AuditBridge.Sources.Dropbox;

/// <summary>
/// One parsed <c>GetTeamEventsResult</c>: the events as JSON elements over the pooled response body, the new cursor and
/// <c>has_more</c>. The whole page is validated before anything of it is used, so a broken page writes nothing; an
/// entry that is no event (no timestamp, no event type) only marks that entry, which the source quarantines.
/// Dispose to release the body.
/// </summary>
internal sealed class DropboxPage : IDisposable
{
    private readonly JsonDocument _document;
    private byte[]? _buffer;

    private DropboxPage(JsonDocument document, byte[] buffer, IReadOnlyList<PageEntry> events, string cursor, bool hasMore, string request)
    {
        _document = document;
        _buffer = buffer;
        Events = events;
        Cursor = cursor;
        HasMore = hasMore;
        Request = request;
    }

    /// <summary>The entries, in the order the API returned them (not sorted by time), each checked (<see cref="Check"/>).</summary>
    public IReadOnlyList<PageEntry> Events { get; }

    /// <summary>How the page was asked for, in words: where a quarantined entry was found.</summary>
    public string Request { get; }

    /// <summary>The newest cursor; replaces any older one even when <see cref="HasMore"/> is false.</summary>
    public string Cursor { get; }

    public bool HasMore { get; }

    /// <summary>Takes ownership of the response body and validates it as a page.</summary>
    /// <param name="response">The 200 response.</param>
    /// <param name="request">How the page was asked for, in words (<see cref="Request"/>).</param>
    /// <exception cref="InvalidVendorResponseException">Not JSON, cut short, or not shaped like a page.</exception>
    public static DropboxPage Parse(VendorResponse response, string request)
    {
        if (!response.IsJson)
        {
            throw new InvalidVendorResponseException($"expected a JSON page but got '{(response.MediaType is { } type ? response.Quote(type, 80) : "no content type")}' ({response.Describe(80)})");
        }

        var (buffer, length) = response.DetachBody();
        JsonDocument? document = null;
        var handedOver = false;
        try
        {
            document = JsonDocument.Parse(buffer.AsMemory(0, length));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid($"the page is a JSON {root.ValueKind}, not an object");
            }

            if (!JsonRead.TryGetProperty(root, "events"u8, out var events) || events.ValueKind != JsonValueKind.Array)
            {
                throw Invalid("the page has no 'events' array");
            }

            if (!JsonRead.TryGetProperty(root, "cursor"u8, out var cursor) || cursor.ValueKind != JsonValueKind.String || JsonRead.Text(cursor) is not { Length: > 0 } cursorText)
            {
                throw Invalid("the page has no 'cursor'");
            }

            if (!JsonRead.TryGetProperty(root, "has_more"u8, out var hasMore) || hasMore.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                throw Invalid("the page has no boolean 'has_more'");
            }

            var list = new List<PageEntry>(events.GetArrayLength());
            foreach (var item in events.EnumerateArray())
            {
                list.Add(new PageEntry(list.Count, item, Check(item)));
            }

            var page = new DropboxPage(document, buffer, list, cursorText, hasMore.GetBoolean(), request);
            handedOver = true;
            return page;
        }
        catch (JsonException json)
        {
            throw Invalid($"the page is not valid JSON (line {json.LineNumber + 1}, byte {json.BytePositionInLine + 1} of {length}: {json.Message.Split(" LineNumber", 2)[0]})", json);
        }
        finally
        {
            if (!handedOver)
            {
                document?.Dispose();
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>Parses a Dropbox timestamp (<c>yyyy-MM-ddTHH:mm:ssZ</c>; offsets are accepted and converted to UTC).</summary>
    public static bool TryParseTimestamp(string? text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);

    public void Dispose()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            _document.Dispose();
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>What makes <paramref name="item"/> unusable as a TeamEvent, or null: it needs a timestamp and an event_type tag.</summary>
    internal static string? Check(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            return $"is a JSON {item.ValueKind}, not an object";
        }

        if (!JsonRead.TryGetProperty(item, "timestamp"u8, out var timestamp) || timestamp.ValueKind != JsonValueKind.String || !TryParseTimestamp(JsonRead.Text(timestamp), out _))
        {
            return "has no valid 'timestamp'";
        }

        if (!JsonRead.TryGetProperty(item, "event_type"u8, out var type) || type.ValueKind != JsonValueKind.Object
            || !JsonRead.TryGetProperty(type, ".tag"u8, out var tag) || tag.ValueKind != JsonValueKind.String)
        {
            return "has no 'event_type' tag";
        }

        return null;
    }

    private static InvalidVendorResponseException Invalid(string message, Exception? inner = null) =>
        inner is null ? new InvalidVendorResponseException(message) : new InvalidVendorResponseException(message, inner);
}
