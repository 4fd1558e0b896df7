using System.Net;

namespace AuditBridge.Formats.Leef;

/// <summary>
/// The fields of one record in wire order (the event id first, then the attributes). Adding applies the LEEF value
/// rules: null and empty values are omitted, and values over their limit are cut (with the marker) before sanitizing.
/// </summary>
internal ref struct LeefFieldList
{
    private readonly Span<LeefField> _fields;

    public LeefFieldList(Span<LeefField> fields, int headerCuts)
    {
        _fields = fields;
        HeaderCuts = headerCuts;
    }

    /// <summary>Number of fields added.</summary>
    public int Count { get; private set; }

    /// <summary>One bit per cut header field of the prefix: 1 vendor, 2 product, 4 version (unknown vendors only).</summary>
    public int HeaderCuts { get; }

    /// <summary>The field at <paramref name="index"/>.</summary>
    public readonly ref LeefField this[int index] => ref _fields[index];

    /// <summary>Whether any value was cut or shortened, so the record ends in a <c>truncated</c> attribute.</summary>
    public readonly bool AnyCut
    {
        get
        {
            if (HeaderCuts != 0)
            {
                return true;
            }

            for (var i = 0; i < Count; i++)
            {
                if (_fields[i].Cut)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Adds the event id header field: kept even when empty.</summary>
    public void AddEventId(string value)
    {
        var length = ValueShortener.KeepWithMarker(value, LeefKeys.LimitOf(LeefKey.EventId), out var cut);
        Add(new LeefField { Key = LeefKey.EventId, Kind = LeefValueKind.Text, Text = value, Length = length, Marker = cut, Cut = cut });
    }

    /// <summary>Adds a text attribute unless <paramref name="value"/> is null or empty; returns whether it was added.</summary>
    public bool AddText(LeefKey key, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        var length = ValueShortener.KeepWithMarker(value, LeefKeys.LimitOf(key), out var cut);
        Add(new LeefField { Key = key, Kind = LeefValueKind.Text, Text = value, Length = length, Marker = cut, Cut = cut });
        return true;
    }

    /// <summary>Adds a fixed value (<c>admin</c>, <c>success</c>): ASCII without characters to sanitize.</summary>
    public void AddLiteral(LeefKey key, byte[] value) =>
        Add(new LeefField { Key = key, Kind = LeefValueKind.Utf8, Utf8 = value });

    /// <summary>Adds an integer.</summary>
    public void AddNumber(LeefKey key, long value) =>
        Add(new LeefField { Key = key, Kind = LeefValueKind.Number, Number = value });

    /// <summary>Adds an address written in canonical form.</summary>
    public void AddAddress(LeefKey key, IPAddress address) =>
        Add(new LeefField { Key = key, Kind = LeefValueKind.Address, Address = address });

    /// <summary>
    /// Adds a section's JSON under the key <paramref name="name"/>, prepared for the wire (<see cref="LeefEscaper.PrepareJson"/>).
    /// Skipped (false) when the JSON is empty, <c>null</c>, <c>[]</c> or <c>{}</c>, when the name cannot be a key, or when
    /// an earlier section took the same key. Over <see cref="LeefKeys.SectionLimit"/> characters the JSON is shortened and
    /// stays valid JSON.
    /// </summary>
    public bool AddSection(string name, ReadOnlyMemory<byte> json, LeefDelimiter delimiter)
    {
        // Whitespace around a JSON text is insignificant.
        var span = json.Span;
        var trimmed = span.Trim(" \t\r\n"u8);
        if (trimmed.IsEmpty || trimmed.SequenceEqual("null"u8) || trimmed.SequenceEqual("[]"u8) || trimmed.SequenceEqual("{}"u8))
        {
            return false;
        }

        if (!LeefKeys.IsUsableSectionKey(name) || HasSection(name))
        {
            return false;
        }

        json = LeefEscaper.PrepareJson(json.Slice(span.Length - span.TrimStart(" \t\r\n"u8).Length, trimmed.Length), delimiter);
        var cut = false;

        // UTF-16 length never exceeds UTF-8 length, so only long values need counting.
        if (json.Length > LeefKeys.SectionLimit && JsonShrinker.Measure(json.Span, JsonMeasure.Utf16Chars) > LeefKeys.SectionLimit)
        {
            JsonShrinker.TryShrink(json, LeefKeys.SectionLimit, JsonMeasure.Utf16Chars, out json);
            cut = true;
        }

        Add(new LeefField { Key = LeefKey.Section, Kind = LeefValueKind.Utf8, Name = name, Utf8 = json, Cut = cut });
        return true;
    }

    private readonly bool HasSection(string name)
    {
        for (var i = 0; i < Count; i++)
        {
            if (_fields[i].Key == LeefKey.Section && string.Equals(_fields[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private void Add(LeefField field)
    {
        _fields[Count] = field;
        Count++;
    }
}
