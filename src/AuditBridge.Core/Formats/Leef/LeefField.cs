using System.Net;

namespace AuditBridge.Formats.Leef;

/// <summary>
/// One header field or attribute of a record being built. Fields point at the event's own strings and bytes, so
/// building a record allocates nothing; truncation only moves <see cref="Length"/>.
/// </summary>
internal struct LeefField
{
    /// <summary>Which field this is.</summary>
    public LeefKey Key;

    /// <summary>Where the value lives.</summary>
    public LeefValueKind Kind;

    /// <summary>Text: append <see cref="ValueShortener.Marker"/> after the kept characters.</summary>
    public bool Marker;

    /// <summary>Cut to a limit or shortened to a budget: listed in the <c>truncated</c> attribute.</summary>
    public bool Cut;

    /// <summary>Shortened to meet a byte budget (counted in <see cref="FormatResult.ShortenedValues"/>).</summary>
    public bool Shortened;

    /// <summary>Text: how many characters of <see cref="Text"/> are written.</summary>
    public int Length;

    /// <summary>Bytes the value took when last written (used to pick what to shorten).</summary>
    public int Written;

    /// <summary>Section key (the section's name), for <see cref="LeefKey.Section"/>.</summary>
    public string? Name;

    /// <summary>Text value.</summary>
    public string? Text;

    /// <summary>UTF-8 value.</summary>
    public ReadOnlyMemory<byte> Utf8;

    /// <summary>Number value.</summary>
    public long Number;

    /// <summary>Address value.</summary>
    public IPAddress? Address;

    /// <summary>The key as written (the section name for sections).</summary>
    public readonly string KeyName => Name ?? LeefKeys.NameOf(Key);
}
