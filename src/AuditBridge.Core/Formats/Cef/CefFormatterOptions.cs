namespace AuditBridge.Formats.Cef;

/// <summary>Options of the <c>cef</c> format.</summary>
public sealed record CefFormatterOptions
{
    /// <summary>
    /// Key layout: <see cref="CefProfiles.Default"/> (<c>default</c>, the default) or <see cref="CefProfiles.DropboxBlog"/>
    /// (<c>dropbox-blog</c>). Compared ignoring case; any other value is rejected when the formatter is created.
    /// </summary>
    public string Profile { get; init; } = CefProfiles.Default;

    /// <summary>
    /// Device vendor, product and version per vendor key (each vendor declares its own; the application passes
    /// <c>AuditBridge.Sources.VendorProducts.All</c>). Default: none. An event whose vendor key is not listed gets
    /// <see cref="VendorProduct.Fallback"/>: the key as vendor, <c>&lt;key&gt; Audit Log</c>, version <c>1</c>. A vendor
    /// key listed twice is rejected when the formatter is created.
    /// </summary>
    public IReadOnlyList<VendorProduct> Products { get; init; } = [];
}
