namespace AuditBridge.Formats.KeyValue;

/// <summary>
/// The fixed start of a record per vendor key: the signature, then vendor, product and version as header fields, each
/// ended by a pipe (<c>CEF:0|Acme|Acme Audit Trail|3.1|</c>). The declared vendors' prefixes are built once;
/// any other vendor key gets <see cref="VendorProduct.Fallback"/>, built when its event is written.
/// </summary>
internal sealed class KeyValueVendorPrefixes<TKey>
    where TKey : unmanaged, Enum
{
    private readonly KeyValueDialect<TKey> _dialect;
    private readonly string[] _vendors;
    private readonly byte[][] _prefixes;
    private readonly ulong[] _cuts;

    /// <exception cref="ArgumentException">A vendor key is listed twice (ignoring case).</exception>
    public KeyValueVendorPrefixes(KeyValueDialect<TKey> dialect, IReadOnlyList<VendorProduct> products)
    {
        ArgumentNullException.ThrowIfNull(products);
        _dialect = dialect;
        _vendors = new string[products.Count];
        _prefixes = new byte[products.Count][];
        _cuts = new ulong[products.Count];
        for (var i = 0; i < products.Count; i++)
        {
            var product = products[i] ?? throw new ArgumentException("The vendor product list holds a null entry.", nameof(products));
            ArgumentNullException.ThrowIfNull(product.Vendor, nameof(products));
            if (Array.FindIndex(_vendors, 0, i, vendor => string.Equals(vendor, product.Vendor, StringComparison.OrdinalIgnoreCase)) >= 0)
            {
                throw new ArgumentException($"The vendor product list names vendor '{product.Vendor}' twice.", nameof(products));
            }

            _vendors[i] = product.Vendor;
            _prefixes[i] = Build(product, out _cuts[i]);
        }
    }

    /// <summary>
    /// The prefix for <paramref name="vendor"/>; <paramref name="cuts"/> gets the bits of the header keys that had to be
    /// cut to their limits.
    /// </summary>
    public byte[] For(string vendor, out ulong cuts)
    {
        // A handful of vendors: a scan beats hashing, and string.Equals returns at once for the same instance.
        for (var i = 0; i < _vendors.Length; i++)
        {
            if (string.Equals(vendor, _vendors[i], StringComparison.OrdinalIgnoreCase))
            {
                cuts = _cuts[i];
                return _prefixes[i];
            }
        }

        // Rare path (alerts, undeclared vendors): allocating here keeps the declared vendors free of any work.
        return Build(VendorProduct.Fallback(vendor), out cuts);
    }

    private byte[] Build(VendorProduct product, out ulong cuts)
    {
        var (vendorKey, productKey, versionKey) = _dialect.ProductKeys;
        ReadOnlySpan<(TKey Key, string Value)> fields = [(vendorKey, product.DeviceVendor), (productKey, product.Product), (versionKey, product.Version)];
        var size = _dialect.Signature.Length;
        foreach (var (_, value) in fields)
        {
            size += ((value ?? string.Empty).Length * _dialect.Header.MaxBytesPerChar) + ValueShortener.MarkerUtf8.Length + 1;
        }

        var buffer = new byte[size];
        _dialect.Signature.CopyTo(buffer, 0);
        var written = _dialect.Signature.Length;
        cuts = 0;
        foreach (var (key, value) in fields)
        {
            var index = KeyValueDialect<TKey>.IndexOf(key);
            var text = value ?? string.Empty;
            var length = ValueShortener.KeepWithMarker(text, _dialect.LimitOf(index), out var cut);
            written += _dialect.Header.Write(text.AsSpan(0, length), buffer.AsSpan(written));
            if (cut)
            {
                cuts |= 1UL << index;
                ValueShortener.MarkerUtf8.CopyTo(buffer.AsSpan(written));
                written += ValueShortener.MarkerUtf8.Length;
            }

            buffer[written++] = (byte)'|';
        }

        return buffer[..written];
    }
}
