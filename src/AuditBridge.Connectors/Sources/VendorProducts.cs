using AuditBridge.Formats;
using AuditBridge.Sources.Box;
using AuditBridge.Sources.Dashlane;
using AuditBridge.Sources.Dropbox;

namespace AuditBridge.Sources;

/// <summary>
/// Every vendor's product names, for the formatters that write them into record headers (CEF, LEEF): each vendor
/// declares its own in its folder, and this is the one list of them. Whoever creates a CEF or LEEF formatter passes it
/// (<see cref="Formats.Cef.CefFormatterOptions.Products"/>, <see cref="Formats.Leef.LeefFormatterOptions.Products"/>).
/// </summary>
public static class VendorProducts
{
    /// <summary>The product of every vendor with a source.</summary>
    public static IReadOnlyList<VendorProduct> All { get; } = [DropboxProduct.Value, BoxProduct.Value, DashlaneProduct.Value];
}
