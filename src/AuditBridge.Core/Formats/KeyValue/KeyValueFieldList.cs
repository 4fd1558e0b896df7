using System.Diagnostics;
using System.Net;
using AuditBridge.Events;

namespace AuditBridge.Formats.KeyValue;

/// <summary>
/// The fields of one record in wire order: header fields first, then extension values. Adding applies the value rules
/// every dialect shares, so a layout only says which event property goes to which key: null and empty values are left
/// out (and blank ones where the dialect trims), values over their key's limit are cut with the marker before any
/// escaping, and every cut is remembered for the truncation record.
/// </summary>
internal ref struct KeyValueFieldList<TKey>
    where TKey : unmanaged, Enum
{
    private static readonly byte[] Admin = "admin"u8.ToArray();
    private static readonly byte[] Success = "success"u8.ToArray();
    private static readonly byte[] Failure = "failure"u8.ToArray();

    private readonly Span<KeyValueField> _fields;
    private readonly KeyValueDialect<TKey> _dialect;

    /// <param name="fields">Storage for at least as many fields as the layout adds.</param>
    /// <param name="dialect">The dialect the record is written in.</param>
    /// <param name="prefixCuts">Bits of the header keys cut in the vendor prefix (<see cref="KeyValueVendorPrefixes{TKey}"/>).</param>
    public KeyValueFieldList(Span<KeyValueField> fields, KeyValueDialect<TKey> dialect, ulong prefixCuts)
    {
        _fields = fields;
        _dialect = dialect;
        CutKeys = prefixCuts;
    }

    /// <summary>Number of fields added.</summary>
    public int Count { get; private set; }

    /// <summary>Number of header fields (they come first).</summary>
    public int HeaderCount { get; private set; }

    /// <summary>One bit per key index that has a cut value (or a cut vendor prefix field): the truncation record's keys.</summary>
    public ulong CutKeys { get; private set; }

    /// <summary>The field at <paramref name="index"/>.</summary>
    public readonly ref KeyValueField this[int index] => ref _fields[index];

    /// <summary>Adds a text header field: kept even when empty, never trimmed, cut with the marker over its limit.</summary>
    public void AddHeader(TKey key, string value)
    {
        var index = KeyValueDialect<TKey>.IndexOf(key);
        var length = ValueShortener.KeepWithMarker(value, _dialect.LimitOf(index), out var cut);
        AddHeader(new KeyValueField { Key = index, Kind = KeyValueValueKind.Text, Text = value, Length = length, Marker = cut, Cut = cut });
    }

    /// <summary>Adds an integer header field (CEF's severity).</summary>
    public void AddHeaderNumber(TKey key, long value) =>
        AddHeader(new KeyValueField { Key = KeyValueDialect<TKey>.IndexOf(key), Kind = KeyValueValueKind.Number, Number = value });

    /// <summary>Adds a fixed header field with nothing to escape (LEEF's delimiter).</summary>
    public void AddHeaderLiteral(TKey key, byte[] value) =>
        AddHeader(new KeyValueField { Key = KeyValueDialect<TKey>.IndexOf(key), Kind = KeyValueValueKind.Literal, Utf8 = value });

    /// <summary>
    /// Adds a text value unless it is null, empty, or (where the dialect trims) blank; returns whether it was added.
    /// With <paramref name="marker"/> false an over-long value is cut without the marker and not listed as cut: for a
    /// value whose whole form the layout writes elsewhere (CEF's <c>externalId</c>, whole in <c>flexString1</c>).
    /// </summary>
    public bool AddText(TKey key, string? value, bool marker = true)
    {
        if (value is null)
        {
            return false;
        }

        var index = KeyValueDialect<TKey>.IndexOf(key);
        var length = Trimmed(value);
        var limit = _dialect.LimitOf(index);
        var shortened = length > limit;
        if (shortened)
        {
            length = marker
                ? ValueShortener.CutLength(value, limit - ValueShortener.MarkerChars)
                : Trimmed(value.AsSpan(0, ValueShortener.CutLength(value, limit)));
        }

        var cut = shortened && marker;
        if (length == 0 && !cut)
        {
            return false;
        }

        Add(new KeyValueField { Key = index, Kind = KeyValueValueKind.Text, Text = value, Length = length, Marker = cut, Cut = cut });
        return true;
    }

    /// <summary>Adds a fixed value (a label, <c>admin</c>): ASCII with nothing to escape.</summary>
    public void AddLiteral(TKey key, byte[] value) =>
        Add(new KeyValueField { Key = KeyValueDialect<TKey>.IndexOf(key), Kind = KeyValueValueKind.Literal, Utf8 = value });

    /// <summary>Adds an integer.</summary>
    public void AddNumber(TKey key, long value) =>
        Add(new KeyValueField { Key = KeyValueDialect<TKey>.IndexOf(key), Kind = KeyValueValueKind.Number, Number = value });

    /// <summary>Adds an address, written in canonical form.</summary>
    public void AddAddress(TKey key, IPAddress address) =>
        Add(new KeyValueField { Key = KeyValueDialect<TKey>.IndexOf(key), Kind = KeyValueValueKind.Address, Address = address });

    /// <summary>
    /// Adds a section's compact JSON, prepared for the wire (<see cref="KeyValueDialect{TKey}.PrepareJson"/>), under
    /// <paramref name="key"/>, or under <paramref name="name"/> when given (a key chosen per section; the layout
    /// checks it can be one). Skipped (false) when the JSON is empty, <c>null</c>, <c>[]</c> or <c>{}</c>. Over its
    /// key's limit the JSON is shrunk and stays valid JSON.
    /// </summary>
    public bool AddJson(TKey key, ReadOnlyMemory<byte> json, string? name = null)
    {
        // Whitespace around a JSON text is insignificant; trailing spaces would also blur the end of the value.
        var span = json.Span;
        var trimmed = span.Trim(" \t\r\n"u8);
        if (trimmed.IsEmpty || trimmed.SequenceEqual("null"u8) || trimmed.SequenceEqual("[]"u8) || trimmed.SequenceEqual("{}"u8))
        {
            return false;
        }

        var index = KeyValueDialect<TKey>.IndexOf(key);
        json = _dialect.PrepareJson(json.Slice(span.Length - span.TrimStart(" \t\r\n"u8).Length, trimmed.Length));
        var limit = _dialect.LimitOf(index);
        var cut = false;

        // UTF-16 length never exceeds UTF-8 length, so only long values need counting.
        if (json.Length > limit && JsonShrinker.Measure(json.Span, JsonMeasure.Utf16Chars) > limit)
        {
            JsonShrinker.TryShrink(json, limit, JsonMeasure.Utf16Chars, out json);
            cut = true;
        }

        Add(new KeyValueField { Key = index, Kind = KeyValueValueKind.Json, Utf8 = json, Name = name, Cut = cut });
        return true;
    }

    /// <summary>Whether a value was already added under <paramref name="name"/> (ignoring case).</summary>
    public readonly bool ContainsName(string name)
    {
        for (var i = 0; i < Count; i++)
        {
            if (string.Equals(_fields[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A principal's user name: the e-mail address when it would be written (what SIEM user correlation keys on),
    /// else the display name.
    /// </summary>
    public readonly string? UserName(Principal principal) =>
        principal.Email is { } email && Trimmed(email) > 0 ? email : principal.Name;

    /// <summary>
    /// Who did what to whom, in the order every layout writes them: the outcome (<c>success</c> or <c>failure</c>, nothing
    /// when the vendor does not say), then the actor and the target, each as its <see cref="UserName"/>, its id, and
    /// <c>admin</c> for an admin.
    /// </summary>
    public void AddOutcomeAndParties(AuditEvent auditEvent, TKey outcome, KeyValuePrincipalKeys<TKey> actor, KeyValuePrincipalKeys<TKey> target)
    {
        if (auditEvent.Outcome != EventOutcome.Unknown)
        {
            AddLiteral(outcome, auditEvent.Outcome == EventOutcome.Success ? Success : Failure);
        }

        AddPrincipal(auditEvent.Actor, actor);
        AddPrincipal(auditEvent.Target, target);
    }

    /// <summary>Records that the field at <paramref name="index"/> was shortened to fit a budget.</summary>
    public void MarkShortened(int index)
    {
        ref var field = ref _fields[index];
        field.Shortened = true;
        field.Cut = true;
        CutKeys |= 1UL << field.Key;
    }

    private void AddPrincipal(Principal? principal, KeyValuePrincipalKeys<TKey> keys)
    {
        if (principal is null)
        {
            return;
        }

        AddText(keys.User, UserName(principal));
        AddText(keys.Id, principal.Id);
        if (principal.Kind == PrincipalKind.Admin)
        {
            AddLiteral(keys.Admin, Admin);
        }
    }

    private readonly int Trimmed(ReadOnlySpan<char> value) => _dialect.TrimsValues ? _dialect.Values.TrimmedLength(value) : value.Length;

    private void AddHeader(KeyValueField field)
    {
        Debug.Assert(Count == HeaderCount, "Header fields come before extension values.");
        Add(field);
        HeaderCount++;
    }

    private void Add(KeyValueField field)
    {
        _fields[Count] = field;
        Count++;
        if (field.Cut)
        {
            CutKeys |= 1UL << field.Key;
        }
    }
}
