namespace AuditBridge.Formats.Cef;

/// <summary>
/// The fixed start of the header, <c>CEF:0|vendor|product|version|</c>, per vendor key. Known vendors use
/// precomputed bytes; any other vendor key is written as given, with product <c>&lt;vendor&gt; Audit Log</c> and
/// version <c>1</c>.
/// </summary>
internal static class CefHeaders
{
    private static readonly byte[] Dropbox = "CEF:0|Dropbox|Dropbox Activity Log|1|"u8.ToArray();
    private static readonly byte[] Box = "CEF:0|Box|Box Enterprise Events|2.0|"u8.ToArray();
    private static readonly byte[] Dashlane = "CEF:0|Dashlane|Dashlane Audit Logs|1|"u8.ToArray();

    /// <summary>
    /// The header prefix for <paramref name="vendor"/>; <paramref name="truncated"/> gets the bits of header fields
    /// that had to be cut (only possible for an unknown vendor key over 63 characters).
    /// </summary>
    public static byte[] PrefixFor(string vendor, out ulong truncated)
    {
        truncated = 0;
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

        return Build(vendor, out truncated);
    }

    private static byte[] Build(string vendor, out ulong truncated)
    {
        // Rare path (alerts, future vendors): allocating here keeps the known vendors free of any work.
        var product = vendor + " Audit Log";
        truncated = 0;
        var vendorLength = ValueShortener.KeepWithMarker(vendor, CefKeys.LimitOf(CefKey.DeviceVendor), out var vendorCut);
        var productLength = ValueShortener.KeepWithMarker(product, CefKeys.LimitOf(CefKey.DeviceProduct), out var productCut);
        if (vendorCut)
        {
            truncated |= CefFieldList.Bit(CefKey.DeviceVendor);
        }

        if (productCut)
        {
            truncated |= CefFieldList.Bit(CefKey.DeviceProduct);
        }

        var buffer = new byte[16 + ((vendorLength + productLength) * CefEscaper.MaxBytesPerChar) + (2 * ValueShortener.MarkerUtf8.Length)];
        var span = buffer.AsSpan();
        var written = Append(span, "CEF:0|"u8, 0);
        written += CefEscaper.WriteHeader(vendor.AsSpan(0, vendorLength), span[written..]);
        written = vendorCut ? Append(span, ValueShortener.MarkerUtf8, written) : written;
        written = Append(span, "|"u8, written);
        written += CefEscaper.WriteHeader(product.AsSpan(0, productLength), span[written..]);
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
