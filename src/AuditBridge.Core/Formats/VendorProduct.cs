namespace AuditBridge.Formats;

/// <summary>
/// How a vendor's events name their origin in a SIEM record header (CEF's device vendor, product and version; LEEF's
/// vendor, product and version). Each vendor declares its own (src/AuditBridge.Connectors/Sources/&lt;Vendor&gt;/); the
/// formatters that write one take the list through their options.
/// </summary>
/// <param name="Vendor">The vendor key events carry (<see cref="Events.AuditEvent.Vendor"/>, e.g. <c>dropbox</c>), compared ignoring case.</param>
/// <param name="DeviceVendor">The vendor as a SIEM shows it (<c>Dropbox</c>).</param>
/// <param name="Product">The product, as the vendor names its audit log (each vendor folder declares it).</param>
/// <param name="Version">The product version (<c>1</c>).</param>
public sealed record VendorProduct(string Vendor, string DeviceVendor, string Product, string Version)
{
    /// <summary>
    /// What a vendor key without an entry is written as: the key itself as vendor, <c>&lt;key&gt; Audit Log</c> as
    /// product, version <c>1</c> (alerts, whose vendor key is <c>auditbridge</c>, and vendors nobody declared).
    /// </summary>
    public static VendorProduct Fallback(string vendor)
    {
        ArgumentNullException.ThrowIfNull(vendor);
        return new VendorProduct(vendor, vendor, vendor + " Audit Log", "1");
    }
}
