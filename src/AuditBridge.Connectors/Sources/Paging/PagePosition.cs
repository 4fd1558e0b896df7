namespace AuditBridge.Sources.Paging;

/// <summary>Where a page says the stream goes on.</summary>
/// <param name="Position">The cursor or stream position exactly as the vendor wrote it; null when the page has none.</param>
/// <param name="HasMore">The vendor's <c>has_more</c>, for vendors that send one; null for those that do not.</param>
internal readonly record struct PagePosition(string? Position, bool? HasMore);
