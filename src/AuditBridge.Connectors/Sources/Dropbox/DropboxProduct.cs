using AuditBridge.Formats;

namespace AuditBridge.Sources.Dropbox;

/// <summary>How Dropbox events name their origin in CEF and LEEF headers (docs/formats/cef.md, "Header").</summary>
internal static class DropboxProduct
{
    /// <summary><c>Dropbox</c>, <c>Dropbox Activity Log</c>, version <c>1</c>: the names of Dropbox's 2020 CEF sample.</summary>
    public static VendorProduct Value { get; } = new(DropboxSourceFactory.Type, "Dropbox", "Dropbox Activity Log", "1");
}
