using System.Text.Json;

namespace AuditBridge.Sources.Paging;

/// <summary>
/// How a vendor's page is shaped: the member that holds the entries, where the position and <c>has_more</c> are, and
/// what makes an entry no event of the vendor. <see cref="VendorPage.Parse"/> does the rest (content type, JSON, the
/// page object, the entries array, the pooled body).
/// </summary>
internal interface IPageFormat
{
    /// <summary>The page member that holds the entries (<c>events</c>, <c>entries</c>).</summary>
    string EntriesName { get; }

    /// <summary>Reads the page's position and <c>has_more</c>.</summary>
    /// <param name="page">The page object.</param>
    /// <param name="entryCount">How many entries the page holds.</param>
    /// <exception cref="Http.InvalidVendorResponseException">The position or <c>has_more</c> is missing or malformed.</exception>
    PagePosition ReadPosition(JsonElement page, int entryCount);

    /// <summary>What makes <paramref name="entry"/> no event of the vendor, as a clause (<c>has no 'event_id'</c>), or null when it is one.</summary>
    string? Check(JsonElement entry);
}
