using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace AuditBridge.Formats.Leef;

/// <summary>
/// LEEF sanitizing, writing UTF-8 straight into a span. LEEF 2.0 has no escape mechanism (reference §1.8), so characters
/// that would break the record are <em>replaced</em>, one documented way (docs/formats/leef.md, "Sanitizing"):
/// header field: <c>|</c> → <c>｜</c> (U+FF5C), <c>\</c> → <c>＼</c> (U+FF3C), every C0 control (CR, LF, TAB …) and the
/// Unicode line breaks NEL, LS and PS → space;
/// attribute value: the delimiter → its fullwidth form (<c>^</c> → <c>＾</c>; a space when the delimiter is TAB), every C0
/// control, NEL, LS and PS → space, everything else unchanged (<c>=</c>, <c>|</c> and <c>\</c> included);
/// section JSON: the delimiter → <c>\u00XX</c> and NEL, LS, PS → <c>\u0085</c>, <c>\u2028</c>, <c>\u2029</c> (the same
/// JSON value), C0 controls (whitespace between tokens in valid JSON) → space.
/// </summary>
/// <remarks>
/// Runs without special characters are transcoded in one vectorized call; invalid UTF-16 (a lone surrogate) becomes
/// U+FFFD. At most <see cref="MaxBytesPerChar"/> output bytes per input char.
/// </remarks>
internal static class LeefEscaper
{
    /// <summary>Worst case output bytes per UTF-16 code unit (a BMP character above U+07FF, or a fullwidth substitute).</summary>
    public const int MaxBytesPerChar = 3;

    private const string Controls =
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F";

    private static readonly SearchValues<char> HeaderSpecials = SearchValues.Create("|\\" + Controls + UnicodeLineBreaks.Characters);
    private static readonly byte[] FullwidthPipe = LeefDelimiter.FullwidthUtf8('|');
    private static readonly byte[] FullwidthBackslash = LeefDelimiter.FullwidthUtf8('\\');

    /// <summary>Writes a header field (vendor, product, version, event id); returns the bytes written.</summary>
    public static int WriteHeader(ReadOnlySpan<char> value, Span<byte> destination)
    {
        var written = 0;
        while (true)
        {
            var i = value.IndexOfAny(HeaderSpecials);
            written += Transcode(i < 0 ? value : value[..i], destination[written..]);
            if (i < 0)
            {
                return written;
            }

            var replacement = value[i] switch
            {
                '|' => FullwidthPipe,
                '\\' => FullwidthBackslash,
                _ => " "u8,
            };
            replacement.CopyTo(destination[written..]);
            written += replacement.Length;
            value = value[(i + 1)..];
        }
    }

    /// <summary>Writes an attribute value; returns the bytes written.</summary>
    public static int WriteValue(ReadOnlySpan<char> value, Span<byte> destination, LeefDelimiter delimiter)
    {
        var written = 0;
        while (true)
        {
            var i = value.IndexOfAny(delimiter.ValueSpecials);
            written += Transcode(i < 0 ? value : value[..i], destination[written..]);
            if (i < 0)
            {
                return written;
            }

            ReadOnlySpan<byte> replacement = value[i] == delimiter.Value ? delimiter.Substitute : " "u8;
            replacement.CopyTo(destination[written..]);
            written += replacement.Length;
            value = value[(i + 1)..];
        }
    }

    /// <summary>
    /// Section JSON as it goes on the wire: <paramref name="json"/> itself when it has no C0 control, no delimiter byte
    /// and no NEL, LS or PS (the common case, no copy), else a copy with those replaced.
    /// </summary>
    public static ReadOnlyMemory<byte> PrepareJson(ReadOnlyMemory<byte> json, LeefDelimiter delimiter)
    {
        json = UnicodeLineBreaks.EscapeInJson(json);
        var span = json.Span;
        var first = span.IndexOfAny(delimiter.JsonSpecials);
        if (first < 0)
        {
            return json;
        }

        var delimiterCount = delimiter.Value == '\t' ? 0 : span.Count((byte)delimiter.Value);
        var output = new byte[span.Length + (delimiterCount * (delimiter.JsonEscape.Length - 1))];
        span[..first].CopyTo(output);
        var written = first;
        span = span[first..];
        while (true)
        {
            var i = span.IndexOfAny(delimiter.JsonSpecials);
            var run = i < 0 ? span : span[..i];
            run.CopyTo(output.AsSpan(written));
            written += run.Length;
            if (i < 0)
            {
                return output;
            }

            // A delimiter byte can only sit inside a JSON string (no allowed delimiter is JSON syntax or part of an
            // escape), where \u00XX means the same character; a raw control byte in valid JSON is whitespace.
            ReadOnlySpan<byte> replacement = span[i] == (byte)delimiter.Value ? delimiter.JsonEscape : " "u8;
            replacement.CopyTo(output.AsSpan(written));
            written += replacement.Length;
            span = span[(i + 1)..];
        }
    }

    /// <summary>
    /// The longest prefix of <paramref name="value"/> (whole characters only) whose written UTF-8 form is at most
    /// <paramref name="maxBytes"/>; returns its length in chars and, in <paramref name="bytes"/>, its written size.
    /// </summary>
    public static int PrefixWithin(ReadOnlySpan<char> value, int maxBytes, LeefDelimiter delimiter, out int bytes)
    {
        bytes = 0;
        var i = 0;
        while (i < value.Length)
        {
            var c = value[i];
            int units = 1, cost;
            if (c < 0x80)
            {
                cost = c == delimiter.Value ? delimiter.Substitute.Length : 1;
            }
            else if (c is '\u0085' or '\u2028' or '\u2029')
            {
                cost = 1;
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

    /// <summary>Sanitizes a header field into a new string (tests and the rare unknown-vendor path).</summary>
    public static string SanitizeHeader(string value)
    {
        var buffer = new byte[value.Length * MaxBytesPerChar];
        return Encoding.UTF8.GetString(buffer, 0, WriteHeader(value, buffer));
    }

    /// <summary>Sanitizes an attribute value into a new string (tests).</summary>
    public static string SanitizeValue(string value, LeefDelimiter delimiter)
    {
        var buffer = new byte[value.Length * MaxBytesPerChar];
        return Encoding.UTF8.GetString(buffer, 0, WriteValue(value, buffer, delimiter));
    }

    private static int Transcode(ReadOnlySpan<char> run, Span<byte> destination)
    {
        if (run.IsEmpty)
        {
            return 0;
        }

        // Specials are ASCII, so a run never ends between the halves of a valid surrogate pair.
        Utf8.FromUtf16(run, destination, out _, out var written, replaceInvalidSequences: true, isFinalBlock: true);
        return written;
    }
}
