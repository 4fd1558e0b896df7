namespace AuditBridge.Formats.Leef;

/// <summary>
/// The fixed start of the header, <c>LEEF:2.0|vendor|product|version|</c>, per vendor key: the same vendor, product and
/// version as the CEF format. Known vendors use precomputed bytes; any other vendor key is written as given (sanitized),
/// with product <c>&lt;vendor&gt; Audit Log</c> and version <c>1</c>.
/// </summary>
internal static class LeefHeaders
{
    private static readonly byte[] Dropbox = "LEEF:2.0|Dropbox|Dropbox Activity Log|1|"u8.ToArray();
    private static readonly byte[] Box = "LEEF:2.0|Box|Box Enterprise Events|2.0|"u8.ToArray();
    private static readonly byte[] Dashlane = "LEEF:2.0|Dashlane|Dashlane Audit Logs|1|"u8.ToArray();

    /// <summary>
    /// The header prefix for <paramref name="vendor"/>; <paramref name="cuts"/> gets 1 when the vendor and 2 when the
    /// product had to be cut (only possible for an unknown vendor key over 63 characters).
    /// </summary>
    public static byte[] PrefixFor(string vendor, out int cuts)
    {
        cuts = 0;
        if (vendor.Equals("dropbox", StringComparison.OrdinalIgnoreCase))
        {
            return Dropbox;
        }

        if (vendor.Equals("box", StringComparison.OrdinalIgnoreCase))
        {
            return Box;
        }

        if (vendor.Equals("dashlane", StringComparison.OrdinalIgnoreCase))
        {
            return Dashlane;
        }

        return Build(vendor, out cuts);
    }

    private static byte[] Build(string vendor, out int cuts)
    {
        // Rare path (alerts, future vendors): allocating here keeps the known vendors free of any work.
        var product = vendor + " Audit Log";
        var vendorLength = ValueShortener.KeepWithMarker(vendor, LeefKeys.LimitOf(LeefKey.Vendor), out var vendorCut);
        var productLength = ValueShortener.KeepWithMarker(product, LeefKeys.LimitOf(LeefKey.Product), out var productCut);
        cuts = (vendorCut ? 1 : 0) | (productCut ? 2 : 0);

        var buffer = new byte[16 + ((vendorLength + productLength) * LeefEscaper.MaxBytesPerChar) + (2 * ValueShortener.MarkerUtf8.Length)];
        var span = buffer.AsSpan();
        var written = Append(span, "LEEF:2.0|"u8, 0);
        written += LeefEscaper.WriteHeader(vendor.AsSpan(0, vendorLength), span[written..]);
        written = vendorCut ? Append(span, ValueShortener.MarkerUtf8, written) : written;
        written = Append(span, "|"u8, written);
        written += LeefEscaper.WriteHeader(product.AsSpan(0, productLength), span[written..]);
        written = productCut ? Append(span, ValueShortener.MarkerUtf8, written) : written;
        written = Append(span, "|1|"u8, written);
        return buffer[..written];
    }

    private static int Append(Span<byte> destination, ReadOnlySpan<byte> value, int written)
    {
        value.CopyTo(destination[written..]);
        return written + value.Length;
    }
}
