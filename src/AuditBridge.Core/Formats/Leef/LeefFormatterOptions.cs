namespace AuditBridge.Formats.Leef;

/// <summary>Options of the <c>leef</c> (LEEF 2.0) format.</summary>
public sealed record LeefFormatterOptions
{
    /// <summary>
    /// The attribute delimiter, written in the header's sixth field: one character (<c>^</c>, the default) or its hex
    /// code as LEEF 2.0 writes it (<c>x09</c> or <c>0x09</c> for TAB, <c>x5E</c> for <c>^</c>). Allowed: TAB and
    /// <c>! # $ % &amp; ' ( ) * ; &lt; &gt; ? @ ^ ` ~</c> — characters that never occur in JSON syntax or escapes, so a
    /// section's JSON can always be kept valid (docs/formats/leef.md). Anything else is rejected when the formatter is
    /// created.
    /// </summary>
    public string Delimiter { get; init; } = "^";

    /// <summary>
    /// Vendor, product and version per vendor key (each vendor declares its own; the application passes
    /// <c>AuditBridge.Sources.VendorProducts.All</c>). Default: none. An event whose vendor key is not listed gets
    /// <see cref="VendorProduct.Fallback"/>: the key as vendor, <c>&lt;key&gt; Audit Log</c>, version <c>1</c>. A vendor
    /// key listed twice is rejected when the formatter is created.
    /// </summary>
    public IReadOnlyList<VendorProduct> Products { get; init; } = [];
}
