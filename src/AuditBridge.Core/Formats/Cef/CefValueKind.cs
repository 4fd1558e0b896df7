namespace AuditBridge.Formats.Cef;

/// <summary>How a <see cref="CefField"/> holds its value.</summary>
internal enum CefValueKind : byte
{
    /// <summary>A prefix of <see cref="CefField.Text"/>, optionally followed by the truncation marker.</summary>
    Text,

    /// <summary>UTF-8 bytes in <see cref="CefField.Utf8"/>: section JSON or a fixed literal.</summary>
    Utf8,

    /// <summary>An integer in <see cref="CefField.Number"/> (epoch milliseconds).</summary>
    Number,

    /// <summary>An IPv6 address, or an IPv4-mapped one, in <see cref="CefField.Address"/>, written in canonical form.</summary>
    Address,
}
