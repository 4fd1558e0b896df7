using System.Runtime.CompilerServices;
using System.Text;

namespace AuditBridge.Formats.KeyValue;

/// <summary>
/// Everything that makes one key=value format (CEF, LEEF) what it is, as data: its signature, its keys and their
/// limits, how each position escapes text, how section JSON goes on the wire, what separates values, and how the
/// record says what was cut. <see cref="KeyValueRecordWriter{TKey}"/> is the engine that writes a record from it.
/// </summary>
/// <typeparam name="TKey">The dialect's keys: a byte-sized enum whose order is the order of the truncation record.</typeparam>
internal sealed class KeyValueDialect<TKey>
    where TKey : unmanaged, Enum
{
    private readonly string[] _names;
    private readonly byte[][] _prefixes;
    private readonly int[] _limits;
    private readonly bool[] _shortenable;

    /// <summary>Creates a dialect; <paramref name="keys"/> describes every value of <typeparamref name="TKey"/>.</summary>
    /// <exception cref="ArgumentException"><typeparamref name="TKey"/> is not byte-sized or has more than 64 values.</exception>
    public KeyValueDialect(Func<TKey, KeyValueKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var values = Enum.GetValues<TKey>();

        // One bit per key in KeyValueFieldList.CutKeys; keys are stored as bytes in KeyValueField.
        if (Unsafe.SizeOf<TKey>() != 1 || values.Length > 64)
        {
            throw new ArgumentException($"{typeof(TKey).Name} must be a byte enum of at most 64 keys.", nameof(keys));
        }

        _names = new string[values.Length];
        _prefixes = new byte[values.Length][];
        _limits = new int[values.Length];
        _shortenable = new bool[values.Length];
        foreach (var value in values)
        {
            var key = keys(value);
            var index = IndexOf(value);
            _names[index] = key.Name;
            _prefixes[index] = Encoding.ASCII.GetBytes(key.Name + "=");
            _limits[index] = key.Limit;
            _shortenable[index] = key.ShortenedToFit;
        }
    }

    /// <summary>The format's name in messages (<c>CEF</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The record's first bytes up to and including the first pipe (<c>CEF:0|</c>).</summary>
    public required byte[] Signature { get; init; }

    /// <summary>The keys of the three header fields every record starts with, after the signature: vendor, product, version.</summary>
    public required (TKey Vendor, TKey Product, TKey Version) ProductKeys { get; init; }

    /// <summary>How header fields are escaped (they end at a pipe).</summary>
    public required KeyValueEscaping Header { get; init; }

    /// <summary>How extension values are escaped (they end at <see cref="Separator"/> or at the next key).</summary>
    public required KeyValueEscaping Values { get; init; }

    /// <summary>The byte between two extension values (a space in CEF, the delimiter in LEEF).</summary>
    public required byte Separator { get; init; }

    /// <summary>
    /// Whether text values lose the trailing characters written as spaces, and are left out when nothing else is left
    /// (CEF: parsers disagree about spaces before the next key). Otherwise only null and empty values are left out.
    /// </summary>
    public bool TrimsValues { get; init; }

    /// <summary>
    /// Replacements applied to section JSON once, when it is added, that keep it valid JSON (LEEF: the delimiter as
    /// <c>\u00XX</c>); null for none. NEL, LS and PS always become JSON escapes first.
    /// </summary>
    public KeyValueEscaping? JsonRewrite { get; init; }

    /// <summary>
    /// Whether section JSON is escaped with <see cref="Values"/> when written (CEF: <c>\</c> and <c>=</c>, which no longer
    /// leaves JSON on the wire, so shrinking must happen before); otherwise it is copied as prepared.
    /// </summary>
    public bool EscapesJson { get; init; }

    /// <summary>
    /// The unit section JSON is measured in when a byte budget shrinks it: what one byte of it costs on the wire. Must
    /// agree with <see cref="EscapesJson"/> and <see cref="Values"/>, which <see cref="KeyValueRecordWriter{TKey}"/>
    /// checks when it is created.
    /// </summary>
    public JsonMeasure JsonWireMeasure { get; init; } = JsonMeasure.Utf8Bytes;

    /// <summary>What opens the truncation record, after the separator (<c>flexString2=</c>).</summary>
    public required byte[] TruncationOpening { get; init; }

    /// <summary>What closes the truncation record (<c> flexString2Label=truncated</c>); may be empty.</summary>
    public byte[] TruncationClosing { get; init; } = [];

    /// <summary>Number of keys.</summary>
    public int KeyCount => _names.Length;

    /// <summary>The key's index in the tables (its enum value).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte IndexOf(TKey key) => Unsafe.BitCast<TKey, byte>(key);

    /// <summary>The key's name.</summary>
    public string NameOf(int key) => _names[key];

    /// <summary><c>key=</c> as ASCII bytes.</summary>
    public ReadOnlySpan<byte> PrefixOf(int key) => _prefixes[key];

    /// <summary>The key's limit in UTF-16 code units.</summary>
    public int LimitOf(int key) => _limits[key];

    /// <summary>Whether a budget may shorten the key's text.</summary>
    public bool IsShortenedToFit(int key) => _shortenable[key];

    /// <summary>
    /// Section JSON as it is stored in a field: NEL, LS and PS as JSON escapes (<c>\u2028</c>, the same JSON value; a
    /// raw one would end the record for some readers), then <see cref="JsonRewrite"/>. The same memory when nothing
    /// changes.
    /// </summary>
    public ReadOnlyMemory<byte> PrepareJson(ReadOnlyMemory<byte> json)
    {
        json = UnicodeLineBreaks.EscapeInJson(json);
        return JsonRewrite is null ? json : JsonRewrite.Rewrite(json);
    }
}
