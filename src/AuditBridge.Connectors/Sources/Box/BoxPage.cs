using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using AuditBridge.Sources.Http;
using AuditBridge.Sources.Json;
using AuditBridge.Sources.Paging;

namespace AuditBridge.Sources.Box;

/// <summary>
/// The shape of an <c>Events</c> response (saas-apis.md B.3): the entries in <c>entries</c>, and
/// <c>next_stream_position</c> exactly as Box wrote it. An entry needs an event_id, an event_type and a valid created_at
/// to be an event; one that has not only marks itself, and the engine quarantines it.
/// </summary>
internal sealed class BoxPage : IPageFormat
{
    /// <summary>The one instance (the format has no state).</summary>
    public static readonly BoxPage Format = new();

    private BoxPage()
    {
    }

    public string EntriesName => "entries";

    /// <summary>True when a position is absent or <c>0</c>: Box's "no position" on empty pages, never to be stored.</summary>
    public static bool IsNoPosition(string? position) => position is null || position.Trim() is "" or "0";

    /// <summary>Takes ownership of the response body and validates it as a page (<see cref="VendorPage.Parse"/>).</summary>
    /// <exception cref="InvalidVendorResponseException">Not JSON, cut short, or not shaped like a page.</exception>
    public static VendorPage Parse(VendorResponse response, string request) => VendorPage.Parse(response, request, Format);

    /// <summary>
    /// <c>next_stream_position</c> as the exact text of the JSON token: the digits of a number (never through a double or a
    /// long: values exceed 2^53) or the value of a string. Null when absent or null, which only an empty page may be.
    /// Box sends no <c>has_more</c>.
    /// </summary>
    public PagePosition ReadPosition(JsonElement page, int entryCount)
    {
        var position = ReadPosition(page);

        // Without a position after events there is no way on: continuing from the old one would repeat them forever.
        if (entryCount > 0 && IsNoPosition(position))
        {
            throw new InvalidVendorResponseException($"the page has {entryCount} entries but no usable 'next_stream_position' ({position ?? "absent"})");
        }

        return new PagePosition(position, HasMore: null);
    }

    string? IPageFormat.Check(JsonElement entry) => Check(entry);

    /// <summary>
    /// The position's text. A number token's raw bytes are the digits Box sent (1152922976252291507 stays exactly that; a
    /// double would make it ...1504 or ...1520 and Box answers "Invalid stream position", Elastic issue 14320).
    /// </summary>
    private static string? ReadPosition(JsonElement root)
    {
        if (!JsonRead.TryGetProperty(root, "next_stream_position"u8, out var position))
        {
            return null;
        }

        return position.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.Number => Encoding.UTF8.GetString(JsonMarshal.GetRawUtf8Value(position)),
            JsonValueKind.String => JsonRead.Text(position),
            _ => throw new InvalidVendorResponseException($"'next_stream_position' is a JSON {position.ValueKind}, not a number or a string"),
        };
    }

    /// <summary>What makes <paramref name="item"/> unusable as a Box event, or null: it needs an event_id, an event_type and a valid created_at.</summary>
    internal static string? Check(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            return $"is a JSON {item.ValueKind}, not an object";
        }

        if (!JsonRead.TryGetProperty(item, "event_id"u8, out var id) || id.ValueKind != JsonValueKind.String || JsonRead.Text(id) is not { Length: > 0 })
        {
            return "has no 'event_id'";
        }

        if (!JsonRead.TryGetProperty(item, "event_type"u8, out var type) || type.ValueKind != JsonValueKind.String || JsonRead.Text(type) is not { Length: > 0 })
        {
            return "has no 'event_type'";
        }

        if (!JsonRead.TryGetProperty(item, "created_at"u8, out var created) || created.ValueKind != JsonValueKind.String || !BoxTime.TryParse(JsonRead.Text(created), out _))
        {
            return "has no valid 'created_at' (RFC 3339 with an offset)";
        }

        return null;
    }
}
