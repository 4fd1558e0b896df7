using System.Globalization;
using System.Text.Json;
using AuditBridge.Sources.Http;
using AuditBridge.Sources.Json;
using AuditBridge.Sources.Paging;

namespace AuditBridge.Sources.Dropbox;

/// <summary>
/// The shape of a <c>GetTeamEventsResult</c> (saas-apis.md A.2): the entries in <c>events</c>, the new <c>cursor</c> (it
/// replaces any older one even when <c>has_more</c> is false) and <c>has_more</c>. An entry needs a timestamp and an
/// event type to be an event; one that has not only marks itself, and the engine quarantines it.
/// </summary>
internal sealed class DropboxPage : IPageFormat
{
    /// <summary>The one instance (the format has no state).</summary>
    public static readonly DropboxPage Format = new();

    private DropboxPage()
    {
    }

    public string EntriesName => "events";

    /// <summary>Takes ownership of the response body and validates it as a page (<see cref="VendorPage.Parse"/>).</summary>
    /// <exception cref="InvalidVendorResponseException">Not JSON, cut short, or not shaped like a page.</exception>
    public static VendorPage Parse(VendorResponse response, string request) => VendorPage.Parse(response, request, Format);

    public PagePosition ReadPosition(JsonElement page, int entryCount)
    {
        if (!JsonRead.TryGetProperty(page, "cursor"u8, out var cursor) || cursor.ValueKind != JsonValueKind.String || JsonRead.Text(cursor) is not { Length: > 0 } cursorText)
        {
            throw new InvalidVendorResponseException("the page has no 'cursor'");
        }

        if (!JsonRead.TryGetProperty(page, "has_more"u8, out var hasMore) || hasMore.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            throw new InvalidVendorResponseException("the page has no boolean 'has_more'");
        }

        return new PagePosition(cursorText, hasMore.GetBoolean());
    }

    string? IPageFormat.Check(JsonElement entry) => Check(entry);

    /// <summary>Parses a Dropbox timestamp (<c>yyyy-MM-ddTHH:mm:ssZ</c>; offsets are accepted and converted to UTC).</summary>
    public static bool TryParseTimestamp(string? text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);

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
}
