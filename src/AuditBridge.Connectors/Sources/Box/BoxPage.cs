using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using AuditBridge.Sources.Http;
using AuditBridge.Sources.Json;

namespace AuditBridge.Sources.Box;

/// <summary>
/// One parsed <c>Events</c> response (saas-apis.md B.3): the entries as JSON elements over the pooled response body, and
/// <c>next_stream_position</c> exactly as Box wrote it. The whole page is validated before anything of it is used, so a
/// broken page emits nothing. Dispose to release the body.
/// </summary>
internal sealed class BoxPage : IDisposable
{
    private readonly JsonDocument _document;
    private byte[]? _buffer;

    private BoxPage(JsonDocument document, byte[] buffer, IReadOnlyList<PageEntry> entries, string? nextPosition, string request)
    {
        _document = document;
        _buffer = buffer;
        Entries = entries;
        NextPosition = nextPosition;
        Request = request;
    }

    /// <summary>
    /// The entries, in the order the API returned them (admin_logs_streaming does not sort them by time), each checked
    /// (<see cref="Check"/>): an entry that is no event marks only itself, and the source quarantines it.
    /// </summary>
    public IReadOnlyList<PageEntry> Entries { get; }

    /// <summary>How the page was asked for, in words: where a quarantined entry was found.</summary>
    public string Request { get; }

    /// <summary>
    /// <c>next_stream_position</c> as the exact text of the JSON token: the digits of a number (never through a double or a
    /// long: values exceed 2^53) or the value of a string. Null when absent or null, which only an empty page may be.
    /// </summary>
    public string? NextPosition { get; }

    /// <summary>True when <see cref="NextPosition"/> is absent or <c>0</c>: Box's "no position" on empty pages, never to be stored.</summary>
    public bool HasNoPosition => IsNoPosition(NextPosition);

    public static bool IsNoPosition(string? position) => position is null || position.Trim() is "" or "0";

    /// <summary>Takes ownership of the response body and validates it as a page.</summary>
    /// <param name="response">The 200 response.</param>
    /// <param name="request">How the page was asked for, in words (<see cref="Request"/>).</param>
    /// <exception cref="InvalidVendorResponseException">Not JSON, cut short, or not shaped like a page.</exception>
    public static BoxPage Parse(VendorResponse response, string request)
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
                throw new InvalidVendorResponseException($"the page is a JSON {root.ValueKind}, not an object");
            }

            if (!JsonRead.TryGetProperty(root, "entries"u8, out var entries) || entries.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidVendorResponseException("the page has no 'entries' array");
            }

            var position = ReadPosition(root);
            var list = new List<PageEntry>(entries.GetArrayLength());
            foreach (var item in entries.EnumerateArray())
            {
                list.Add(new PageEntry(list.Count, item, Check(item)));
            }

            // Without a position after events there is no way on: continuing from the old one would repeat them forever.
            if (list.Count > 0 && IsNoPosition(position))
            {
                throw new InvalidVendorResponseException($"the page has {list.Count} entries but no usable 'next_stream_position' ({position ?? "absent"})");
            }

            var page = new BoxPage(document, buffer, list, position, request);
            handedOver = true;
            return page;
        }
        catch (JsonException json)
        {
            throw new InvalidVendorResponseException($"the page is not valid JSON (line {json.LineNumber + 1}, byte {json.BytePositionInLine + 1} of {length}: {json.Message.Split(" LineNumber", 2)[0]})", json);
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

    public void Dispose()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            _document.Dispose();
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

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
