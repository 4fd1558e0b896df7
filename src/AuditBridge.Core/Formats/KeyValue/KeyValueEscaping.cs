using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace AuditBridge.Formats.KeyValue;

/// <summary>
/// How one position of a key=value record (a header field, an extension value, section JSON) carries text: a table
/// of the ASCII characters it replaces and what with, plus one replacement for the Unicode line breaks NEL, LS and PS.
/// A dialect's escaping is data: one instance per position, built by <see cref="Create"/>.
/// </summary>
/// <remarks>
/// Every C0 control (U+0000–U+001F) is replaced, by a space unless the table says otherwise: no record may carry a
/// raw control character or line break. Runs without special characters are transcoded in one vectorized call;
/// invalid UTF-16 (a lone surrogate) becomes U+FFFD. Writing needs at most <see cref="MaxBytesPerChar"/> output bytes
/// per input char, or <see cref="MaxBytesPerByte"/> per input byte, which is how callers size the span they pass in.
/// </remarks>
internal sealed class KeyValueEscaping
{
    private const int Ascii = 0x80;

    /// <summary>What each ASCII character is written as; null where it is written as itself.</summary>
    private readonly byte[]?[] _ascii;

    /// <summary>What NEL, LS and PS are written as.</summary>
    private readonly byte[] _lineBreak;

    /// <summary>Bytes each ASCII character takes on the wire.</summary>
    private readonly byte[] _cost;

    private readonly SearchValues<char> _specials;
    private readonly SearchValues<byte> _specialBytes;

    private KeyValueEscaping(byte[]?[] ascii, byte[] lineBreak)
    {
        _ascii = ascii;
        _lineBreak = lineBreak;
        _cost = new byte[Ascii];
        var specials = new StringBuilder(UnicodeLineBreaks.Characters);
        var maxReplacement = 1;
        for (var c = 0; c < Ascii; c++)
        {
            _cost[c] = (byte)(ascii[c]?.Length ?? 1);
            if (ascii[c] is { } replacement)
            {
                specials.Append((char)c);
                maxReplacement = Math.Max(maxReplacement, replacement.Length);
            }
        }

        _specials = SearchValues.Create(specials.ToString());
        _specialBytes = SearchValues.Create(Encoding.ASCII.GetBytes(specials.ToString(UnicodeLineBreaks.Characters.Length, specials.Length - UnicodeLineBreaks.Characters.Length)));
        MaxBytesPerByte = maxReplacement;

        // Three bytes is the UTF-8 of any BMP character (a surrogate pair is two chars for four bytes).
        MaxBytesPerChar = Math.Max(3, Math.Max(maxReplacement, lineBreak.Length));
    }

    /// <summary>Worst case output bytes per UTF-16 code unit.</summary>
    public int MaxBytesPerChar { get; }

    /// <summary>Worst case output bytes per UTF-8 input byte (the longest ASCII replacement, at least 1).</summary>
    public int MaxBytesPerByte { get; }

    /// <summary>
    /// Builds a table. <paramref name="replacements"/> maps ASCII characters to what they are written as; every C0
    /// control not in it becomes a space; NEL, LS and PS become <paramref name="lineBreak"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A replaced character is not ASCII, or a replacement is empty.</exception>
    public static KeyValueEscaping Create(IEnumerable<KeyValuePair<char, string>> replacements, string lineBreak)
    {
        ArgumentNullException.ThrowIfNull(replacements);
        ArgumentException.ThrowIfNullOrEmpty(lineBreak);
        var ascii = new byte[]?[Ascii];
        for (var c = 0; c < 0x20; c++)
        {
            ascii[c] = [(byte)' '];
        }

        foreach (var (character, replacement) in replacements)
        {
            if (character >= Ascii || string.IsNullOrEmpty(replacement))
            {
                throw new ArgumentException($"Only ASCII characters can be replaced, each by at least one character; got U+{(int)character:X4}.", nameof(replacements));
            }

            ascii[character] = Encoding.UTF8.GetBytes(replacement);
        }

        return new KeyValueEscaping(ascii, Encoding.UTF8.GetBytes(lineBreak));
    }

    /// <summary>Writes <paramref name="value"/> escaped; returns the bytes written.</summary>
    public int Write(ReadOnlySpan<char> value, Span<byte> destination)
    {
        var written = 0;
        while (true)
        {
            var i = value.IndexOfAny(_specials);
            var run = i < 0 ? value : value[..i];
            if (!run.IsEmpty)
            {
                // Specials are ASCII or BMP characters, so a run never ends between the halves of a surrogate pair.
                Utf8.FromUtf16(run, destination[written..], out _, out var runBytes, replaceInvalidSequences: true, isFinalBlock: true);
                written += runBytes;
            }

            if (i < 0)
            {
                return written;
            }

            var c = value[i];
            written += Put(c < Ascii ? _ascii[c]! : _lineBreak, destination[written..]);
            value = value[(i + 1)..];
        }
    }

    /// <summary>
    /// Writes UTF-8 <paramref name="value"/> with its ASCII specials replaced; returns the bytes written. NEL, LS and PS
    /// are not looked for: the only UTF-8 values are section JSON, which carries them as JSON escapes
    /// (<see cref="UnicodeLineBreaks.EscapeInJson"/>).
    /// </summary>
    public int Write(ReadOnlySpan<byte> value, Span<byte> destination)
    {
        var written = 0;
        while (true)
        {
            var i = value.IndexOfAny(_specialBytes);
            var run = i < 0 ? value : value[..i];
            run.CopyTo(destination[written..]);
            written += run.Length;
            if (i < 0)
            {
                return written;
            }

            written += Put(_ascii[value[i]]!, destination[written..]);
            value = value[(i + 1)..];
        }
    }

    /// <summary>
    /// <paramref name="value"/> with its ASCII specials replaced, as <see cref="Write(ReadOnlySpan{byte}, Span{byte})"/>
    /// writes it, in a new array sized exactly; or <paramref name="value"/> itself (no copy) when it has none.
    /// </summary>
    public ReadOnlyMemory<byte> Rewrite(ReadOnlyMemory<byte> value)
    {
        var span = value.Span;
        var first = span.IndexOfAny(_specialBytes);
        if (first < 0)
        {
            return value;
        }

        var length = span.Length;
        for (var rest = span[first..]; rest.IndexOfAny(_specialBytes) is var i and >= 0; rest = rest[(i + 1)..])
        {
            length += _cost[rest[i]] - 1;
        }

        var output = new byte[length];
        span[..first].CopyTo(output);
        var written = first + Write(span[first..], output.AsSpan(first));
        return output.AsMemory(0, written);
    }

    /// <summary>
    /// Length of <paramref name="value"/> without the trailing characters that reach the wire as spaces (a space, and
    /// every character the table writes as one). Zero means the value is blank.
    /// </summary>
    public int TrimmedLength(ReadOnlySpan<char> value)
    {
        var length = value.Length;
        while (length > 0 && IsWrittenAsSpace(value[length - 1]))
        {
            length--;
        }

        return length;
    }

    /// <summary>UTF-8 counterpart of <see cref="TrimmedLength(ReadOnlySpan{char})"/>.</summary>
    public int TrimmedLength(ReadOnlySpan<byte> value)
    {
        var length = value.Length;
        while (length > 0 && IsWrittenAsSpace((char)value[length - 1]))
        {
            length--;
        }

        return length;
    }

    /// <summary>
    /// The longest prefix of <paramref name="value"/> (whole characters only) whose escaped UTF-8 form is at most
    /// <paramref name="maxBytes"/>; returns its length in chars and, in <paramref name="bytes"/>, its escaped size.
    /// </summary>
    public int PrefixWithin(ReadOnlySpan<char> value, int maxBytes, out int bytes)
    {
        bytes = 0;
        var i = 0;
        while (i < value.Length)
        {
            var c = value[i];
            int units = 1, cost;
            if (c < Ascii)
            {
                cost = _cost[c];
            }
            else if (c is '\u0085' or '\u2028' or '\u2029')
            {
                cost = _lineBreak.Length;
            }
            else if (c < 0x800)
            {
                cost = 2;
            }
            else if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                units = 2;
                cost = 4;
            }
            else
            {
                // BMP character, or a lone surrogate written as U+FFFD: three bytes either way.
                cost = 3;
            }

            if (bytes + cost > maxBytes)
            {
                break;
            }

            bytes += cost;
            i += units;
        }

        return i;
    }

    /// <summary>Bytes the UTF-8 byte <paramref name="value"/> takes when written by <see cref="Write(ReadOnlySpan{byte}, Span{byte})"/>.</summary>
    public int CostOf(byte value) => value < Ascii ? _cost[value] : 1;

    /// <summary>Escapes <paramref name="value"/> into a new string (tests, and the rare header built per event).</summary>
    public string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var buffer = new byte[value.Length * MaxBytesPerChar];
        return Encoding.UTF8.GetString(buffer, 0, Write(value, buffer));
    }

    private static int Put(byte[] replacement, Span<byte> destination)
    {
        replacement.CopyTo(destination);
        return replacement.Length;
    }

    private bool IsWrittenAsSpace(char c) => c == ' ' || (c < Ascii && _ascii[c] is [(byte)' ']);
}
