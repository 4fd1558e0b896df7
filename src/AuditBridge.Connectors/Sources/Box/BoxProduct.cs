using AuditBridge.Formats;

namespace AuditBridge.Sources.Box;

/// <summary>How Box events name their origin in CEF and LEEF headers (docs/formats/cef.md, "Header").</summary>
internal static class BoxProduct
{
    /// <summary><c>Box</c>, <c>Box Enterprise Events</c>, version <c>2.0</c> (the Box API version the events come from).</summary>
    public static VendorProduct Value { get; } = new(BoxSourceFactory.Type, "Box", "Box Enterprise Events", "2.0");
}
