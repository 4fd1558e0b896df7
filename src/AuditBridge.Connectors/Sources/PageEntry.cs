using System.Text.Json;

namespace AuditBridge.Sources;

/// <summary>One entry of a vendor page: its place in the page, the JSON, and what makes it no event (null when it is one).</summary>
/// <param name="Index">0-based place in the page, as the vendor sent it.</param>
/// <param name="Element">The entry, over the page's buffer: valid while the page is.</param>
/// <param name="Problem">Why it is not an event of the vendor (a clause: "has no valid 'timestamp'"); null when it is.</param>
internal readonly record struct PageEntry(int Index, JsonElement Element, string? Problem);
