namespace AuditBridge.Sources.Files;

/// <summary>How a file holds its events, detected from its first bytes.</summary>
public enum EventFileLayout
{
    /// <summary>One or more API pages: objects with an <c>events</c> (Dropbox) or <c>entries</c> (Box) array.</summary>
    Page,

    /// <summary>A JSON array of events.</summary>
    Array,

    /// <summary>One event per line (what <c>dcli team logs</c> and AuditBridge's <c>json</c> format write).</summary>
    Lines,

    /// <summary>One event object, or several in a row, written over several lines each (pretty-printed, as <c>jq .</c> prints them).</summary>
    Objects,
}
