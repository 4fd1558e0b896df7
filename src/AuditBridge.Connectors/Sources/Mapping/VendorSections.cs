using System.Runtime.InteropServices;
using System.Text.Json;
using AuditBridge.Events;
using AuditBridge.Sources.Json;

namespace AuditBridge.Sources.Mapping;

/// <summary>
/// The six vendor fragments every mapper emits, always in the same slots (ADR 0004: CEF cs1 details … cs6 context, as
/// the issue and the seed's layout number them), and how a fragment is taken from the vendor's JSON.
/// </summary>
internal static class VendorSections
{
    /// <summary>An absent or empty fragment: the JSON <c>null</c>, which formats skip without renumbering the rest.</summary>
    public static readonly byte[] Null = "null"u8.ToArray();

    /// <summary>The sections in their slots.</summary>
    public static EventSection[] Create(
        ReadOnlyMemory<byte> details,
        ReadOnlyMemory<byte> actor,
        ReadOnlyMemory<byte> origin,
        ReadOnlyMemory<byte> assets,
        ReadOnlyMemory<byte> participants,
        ReadOnlyMemory<byte> context) =>
    [
        new EventSection("details", "Details", details),
        new EventSection("actor", "Actor", actor),
        new EventSection("origin", "Origin", origin),
        new EventSection("assets", "Assets", assets),
        new EventSection("participants", "Participants", participants),
        new EventSection("context", "Context", context),
    ];

    /// <summary>
    /// A fragment of the vendor's event as compact JSON: <see cref="Null"/> when absent or empty; a slice of
    /// <paramref name="raw"/> when it is already compact (APIs send compact JSON), not a copy; else rewritten compact.
    /// </summary>
    /// <param name="value">The fragment, an element of the document parsed from <paramref name="rawSpan"/> or elsewhere.</param>
    /// <param name="rawSpan">The event's raw bytes, as parsed.</param>
    /// <param name="raw">The copy of <paramref name="rawSpan"/> the event keeps (its <c>Raw</c>).</param>
    public static ReadOnlyMemory<byte> Fragment(JsonElement? value, ReadOnlySpan<byte> rawSpan, byte[] raw)
    {
        if (value is not { } element || CompactJson.IsEmpty(element))
        {
            return Null;
        }

        var span = JsonMarshal.GetRawUtf8Value(element);
        return CompactJson.IsCompact(span) && rawSpan.Overlaps(span, out var offset)
            ? raw.AsMemory(offset, span.Length)
            : CompactJson.From(element);
    }
}
