using System.Buffers;
using System.Text.Json;
using AuditBridge.Sources.Http;
using AuditBridge.Sources.Json;

namespace AuditBridge.Sources.Paging;

/// <summary>
/// One parsed vendor page: the entries as JSON elements over the pooled response body, and the position that follows.
/// The whole page is validated before anything of it is used, so a broken page writes nothing; an entry that is no
/// event only marks that entry (<see cref="PageEntry.Problem"/>), which the engine quarantines. Dispose to release the body.
/// </summary>
internal sealed class VendorPage : IDisposable
{
    private readonly JsonDocument _document;
    private byte[]? _buffer;

    private VendorPage(JsonDocument document, byte[] buffer, IReadOnlyList<PageEntry> entries, PagePosition position, string request)
    {
        _document = document;
        _buffer = buffer;
        Entries = entries;
        Position = position.Position;
        HasMore = position.HasMore;
        Request = request;
    }

    /// <summary>The entries, in the order the vendor returned them (not necessarily by time), each checked.</summary>
    public IReadOnlyList<PageEntry> Entries { get; }

    /// <summary>How the page was asked for, in words: where a quarantined entry was found.</summary>
    public string Request { get; }

    /// <summary>The position after this page, exactly as the vendor wrote it; null when the page has none.</summary>
    public string? Position { get; }

    /// <summary>The vendor's <c>has_more</c>; null for vendors that do not send one.</summary>
    public bool? HasMore { get; }

    /// <summary>Takes ownership of the response body and validates it as a page of <paramref name="format"/>.</summary>
    /// <param name="response">The 200 response.</param>
    /// <param name="request">How the page was asked for, in words (<see cref="Request"/>).</param>
    /// <param name="format">The vendor's page shape.</param>
    /// <exception cref="InvalidVendorResponseException">Not JSON, cut short, or not shaped like a page.</exception>
    public static VendorPage Parse(VendorResponse response, string request, IPageFormat format)
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

            if (!JsonRead.TryGetProperty(root, format.EntriesName, out var entries) || entries.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidVendorResponseException($"the page has no '{format.EntriesName}' array");
            }

            var position = format.ReadPosition(root, entries.GetArrayLength());
            var list = new List<PageEntry>(entries.GetArrayLength());
            foreach (var item in entries.EnumerateArray())
            {
                list.Add(new PageEntry(list.Count, item, format.Check(item)));
            }

            var page = new VendorPage(document, buffer, list, position, request);
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
}
