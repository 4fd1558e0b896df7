namespace AuditBridge.TestKit.Receivers;

/// <summary>What liblognorm's CEF parser made of one record: unescaped header fields and extension values.</summary>
/// <param name="Record">The record as given (before the harness added its space after the header).</param>
/// <param name="IsParsed">False when liblognorm rejected the record (its output had <c>unparsed-data</c>).</param>
/// <param name="DeviceVendor">Header field 1.</param>
/// <param name="DeviceProduct">Header field 2.</param>
/// <param name="DeviceVersion">Header field 3.</param>
/// <param name="SignatureId">Header field 4 (Device Event Class ID).</param>
/// <param name="Name">Header field 5.</param>
/// <param name="Severity">Header field 6.</param>
/// <param name="Extensions">Extension values by key, unescaped.</param>
/// <param name="ExtensionKeys">Extension keys in the order liblognorm reported them, duplicates included.</param>
/// <param name="Json">The line lognormalizer printed, for failure messages.</param>
public sealed record LognormalizerCefEvent(
    string Record,
    bool IsParsed,
    string? DeviceVendor,
    string? DeviceProduct,
    string? DeviceVersion,
    string? SignatureId,
    string? Name,
    string? Severity,
    IReadOnlyDictionary<string, string> Extensions,
    IReadOnlyList<string> ExtensionKeys,
    string Json);
