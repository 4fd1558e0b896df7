using System.Net;

namespace AuditBridge.Formats.Cef;

/// <summary>
/// One header or extension field of a record being built. Fields point at the event's own strings and bytes, so
/// building a record allocates nothing; truncation only moves <see cref="Length"/>.
/// </summary>
internal struct CefField
{
    /// <summary>Which field this is.</summary>
    public CefKey Key;

    /// <summary>Where the value lives.</summary>
    public CefValueKind Kind;

    /// <summary>Text: append <see cref="ValueShortener.Marker"/> after the kept characters.</summary>
    public bool Marker;

    /// <summary>Shortened to meet a byte budget (counted in <see cref="FormatResult.ShortenedValues"/>).</summary>
    public bool Shortened;

    /// <summary>Text: how many characters of <see cref="Text"/> are written.</summary>
    public int Length;

    /// <summary>Bytes the value took when last written (used to pick what to shorten).</summary>
    public int Written;

    /// <summary>Text value.</summary>
    public string? Text;

    /// <summary>UTF-8 value.</summary>
    public ReadOnlyMemory<byte> Utf8;

    /// <summary>Number value.</summary>
    public long Number;

    /// <summary>Address value.</summary>
    public IPAddress? Address;
}
