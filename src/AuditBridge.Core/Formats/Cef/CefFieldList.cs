using System.Net;

namespace AuditBridge.Formats.Cef;

/// <summary>
/// The fields of one record in wire order, plus the set of keys that were truncated (written to <c>flexString2</c>).
/// Adding applies the CEF value rules: null, empty and blank values are omitted, extension values lose trailing
/// spaces, and values over their dictionary limit are cut (with the marker) before any escaping.
/// </summary>
internal ref struct CefFieldList
{
    private readonly Span<CefField> _fields;

    public CefFieldList(Span<CefField> fields, ulong truncated)
    {
        _fields = fields;
        Truncated = truncated;
    }

    /// <summary>Number of fields added.</summary>
    public int Count { get; private set; }

    /// <summary>One bit per <see cref="CefKey"/> that was truncated or shortened.</summary>
    public ulong Truncated { get; private set; }

    /// <summary>The field at <paramref name="index"/>.</summary>
    public readonly ref CefField this[int index] => ref _fields[index];

    /// <summary>Bit of <paramref name="key"/> in <see cref="Truncated"/>.</summary>
    public static ulong Bit(CefKey key) => 1UL << (int)key;

    /// <summary>Records that <paramref name="key"/> was cut.</summary>
    public void MarkTruncated(CefKey key) => Truncated |= Bit(key);

    /// <summary>Adds a header field (class id or name): kept even when empty, never trimmed.</summary>
    public void AddHeader(CefKey key, string value)
    {
        var length = ValueShortener.KeepWithMarker(value, CefKeys.LimitOf(key), out var shortened);
        if (shortened)
        {
            MarkTruncated(key);
        }

        Add(new CefField { Key = key, Kind = CefValueKind.Text, Text = value, Length = length, Marker = shortened });
    }

    /// <summary>
    /// Adds a text extension value. With <paramref name="marker"/> false an over-long value is cut without the marker
    /// and not listed in <c>flexString2</c>: that is <c>externalId</c>, whose full value the caller writes to
    /// <c>flexString1</c>, so nothing is lost. Returns whether anything was added.
    /// </summary>
    public bool AddText(CefKey key, string? value, bool marker = true)
    {
        if (value is null)
        {
            return false;
        }

        var length = CefEscaper.TrimmedLength(value);
        var limit = CefKeys.LimitOf(key);
        var shortened = length > limit;
        if (shortened)
        {
            if (marker)
            {
                MarkTruncated(key);
            }

            length = marker
                ? ValueShortener.CutLength(value, limit - ValueShortener.MarkerChars)
                : CefEscaper.TrimmedLength(value.AsSpan(0, ValueShortener.CutLength(value, limit)));
        }

        if (length == 0 && !(shortened && marker))
        {
            return false;
        }

        Add(new CefField { Key = key, Kind = CefValueKind.Text, Text = value, Length = length, Marker = shortened && marker });
        return true;
    }

    /// <summary>Adds a fixed value (a label, <c>admin</c>, <c>success</c>): ASCII without characters to escape.</summary>
    public void AddLiteral(CefKey key, byte[] value) =>
        Add(new CefField { Key = key, Kind = CefValueKind.Utf8, Utf8 = value });

    /// <summary>Adds an integer (epoch milliseconds).</summary>
    public void AddNumber(CefKey key, long value) =>
        Add(new CefField { Key = key, Kind = CefValueKind.Number, Number = value });

    /// <summary>Adds an address written in canonical form.</summary>
    public void AddAddress(CefKey key, IPAddress address) =>
        Add(new CefField { Key = key, Kind = CefValueKind.Address, Address = address });

    /// <summary>
    /// Adds a section's compact JSON as a <c>csN</c> value. Empty sections (<c>null</c>, <c>[]</c>, <c>{}</c>, nothing)
    /// are skipped and false is returned. Over 4000 characters the JSON is shortened and stays valid JSON.
    /// </summary>
    public bool AddJson(CefKey key, ReadOnlyMemory<byte> json)
    {
        // Whitespace around a JSON text is insignificant; trailing spaces would also break the key/value split.
        var span = json.Span;
        var trimmed = span.Trim(" \t\r\n"u8);
        var start = trimmed.IsEmpty ? 0 : span.Length - span.TrimStart(" \t\r\n"u8).Length;
        json = json.Slice(start, trimmed.Length);
        span = json.Span;
        if (span.IsEmpty || span.SequenceEqual("null"u8) || span.SequenceEqual("[]"u8) || span.SequenceEqual("{}"u8))
        {
            return false;
        }

        json = CefEscaper.PrepareJson(json);
        span = json.Span;

        // UTF-16 length never exceeds UTF-8 length, so only long values need counting.
        if (span.Length > CefKeys.CustomStringLimit
            && JsonShrinker.Measure(span, JsonMeasure.Utf16Chars) > CefKeys.CustomStringLimit)
        {
            JsonShrinker.TryShrink(json, CefKeys.CustomStringLimit, JsonMeasure.Utf16Chars, out json);
            MarkTruncated(key);
        }

        Add(new CefField { Key = key, Kind = CefValueKind.Utf8, Utf8 = json });
        return true;
    }

    private void Add(CefField field)
    {
        _fields[Count] = field;
        Count++;
    }
}
