using System.Net;

namespace AuditBridge.Formats.KeyValue;

/// <summary>
/// One header field or extension value of a record being built. Fields point at the event's own strings and bytes,
/// so building a record allocates nothing; cutting and shortening only move <see cref="Length"/> or replace
/// <see cref="Utf8"/>.
/// </summary>
internal struct KeyValueField
{
    /// <summary>Index of the key in the dialect's key table.</summary>
    public byte Key;

    /// <summary>Where the value lives.</summary>
    public KeyValueValueKind Kind;

    /// <summary>Text: append <see cref="ValueShortener.Marker"/> after the kept characters.</summary>
    public bool Marker;

    /// <summary>Cut to its key's limit or shortened to a budget: listed in the truncation record.</summary>
    public bool Cut;

    /// <summary>Shortened to meet a byte budget (counted in <see cref="FormatResult.ShortenedValues"/>).</summary>
    public bool Shortened;

    /// <summary>Text: how many characters of <see cref="Text"/> are written.</summary>
    public int Length;

    /// <summary>Bytes the value took when last written (what the budget picks the values to shorten by).</summary>
    public int Written;

    /// <summary>The key as written when it is not the key table's name (a LEEF section's own name); null otherwise.</summary>
    public string? Name;

    /// <summary>Text value.</summary>
    public string? Text;

    /// <summary>Literal or JSON value.</summary>
    public ReadOnlyMemory<byte> Utf8;

    /// <summary>Number value.</summary>
    public long Number;

    /// <summary>Address value.</summary>
    public IPAddress? Address;
}
