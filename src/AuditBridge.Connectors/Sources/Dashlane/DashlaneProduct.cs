using AuditBridge.Formats;

namespace AuditBridge.Sources.Dashlane;

/// <summary>How Dashlane events name their origin in CEF and LEEF headers (docs/formats/cef.md, "Header").</summary>
internal static class DashlaneProduct
{
    /// <summary><c>Dashlane</c>, <c>Dashlane Audit Logs</c>, version <c>1</c>.</summary>
    public static VendorProduct Value { get; } = new(DashlaneSourceFactory.Type, "Dashlane", "Dashlane Audit Logs", "1");
}
