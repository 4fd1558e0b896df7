using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace AuditBridge.Formats.Cef;

/// <summary>
/// CEF escaping (shared/reference/cef-syslog.md §0.2, §0.3, §6.1), writing UTF-8 straight into a span.
/// Header: <c>\</c> → <c>\\</c>, <c>|</c> → <c>\|</c>, CR/LF/TAB and every other C0 control, NEL, LS and PS → space,
/// nothing else.
/// Extension value: <c>\</c> → <c>\\</c>, <c>=</c> → <c>\=</c>, CR → <c>\r</c>, LF and the Unicode line breaks NEL, LS
/// and PS → <c>\n</c>, TAB and every other C0 control → space (CEF has no escape for them and liblognorm rejects
/// <c>\t</c>), never <c>\|</c>. Section JSON gets the Unicode line breaks as JSON escapes first
/// (<see cref="PrepareJson"/>), so it stays valid JSON.
/// </summary>
/// <remarks>
/// Runs without special characters are transcoded in one vectorized call; invalid UTF-16 (a lone surrogate) becomes
/// U+FFFD. Every routine needs at most <see cref="MaxBytesPerChar"/> output bytes per input char, or
/// <see cref="MaxBytesPerByte"/> per input byte, which is how callers size the span they pass in.
/// </remarks>
internal static class CefEscaper
{
    /// <summary>Worst case output bytes per UTF-16 code unit (a BMP character above U+07FF).</summary>
    public const int MaxBytesPerChar = 3;

    /// <summary>Worst case output bytes per UTF-8 input byte (an escaped ASCII character).</summary>
    public const int MaxBytesPerByte = 2;

    private const string Controls =
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F";

    private static readonly SearchValues<char> HeaderSpecials = SearchValues.Create("\\|" + Controls + UnicodeLineBreaks.Characters);
    private static readonly SearchValues<char> ExtensionSpecials = SearchValues.Create("\\=" + Controls + UnicodeLineBreaks.Characters);
    private static readonly SearchValues<byte> ExtensionSpecialBytes = SearchValues.Create(Encoding.ASCII.GetBytes("\\=" + Controls));

    /// <summary>Writes a header field; returns the bytes written.</summary>
    public static int WriteHeader(ReadOnlySpan<char> value, Span<byte> destination) => Write(value, destination, header: true);

    /// <summary>Writes an extension value; returns the bytes written. Callers trim first (<see cref="TrimmedLength(ReadOnlySpan{char})"/>).</summary>
    public static int WriteExtension(ReadOnlySpan<char> value, Span<byte> destination) => Write(value, destination, header: false);

    /// <summary>
    /// Section JSON as <see cref="WriteExtension(ReadOnlySpan{byte}, Span{byte})"/> takes it: NEL, LS and PS as JSON
    /// escapes (<c>\u2028</c>, the same JSON value), which the extension escaping then writes as <c>\\u2028</c>. A
    /// <c>\n</c> there would put a raw line break into a JSON string once unescaped, which is not JSON.
    /// </summary>
    public static ReadOnlyMemory<byte> PrepareJson(ReadOnlyMemory<byte> json) => UnicodeLineBreaks.EscapeInJson(json);

    /// <summary>Writes a UTF-8 extension value (section JSON, prepared by <see cref="PrepareJson"/>); returns the bytes written.</summary>
    public static int WriteExtension(ReadOnlySpan<byte> value, Span<byte> destination)
    {
        var written = 0;
        while (true)
        {
            var i = value.IndexOfAny(ExtensionSpecialBytes);
            var run = i < 0 ? value : value[..i];
            run.CopyTo(destination[written..]);
            written += run.Length;
            if (i < 0)
            {
                return written;
            }

            written += WriteSpecial((char)value[i], destination[written..], header: false);
            value = value[(i + 1)..];
        }
    }

    /// <summary>
    /// Length of <paramref name="value"/> without the trailing characters that would reach the wire as spaces
    /// (space, TAB and the other C0 controls except CR and LF): parsers disagree about trailing spaces before the next
    /// key (spec v26 §"several spaces"), so values never end in one. Zero means "omit the key".
    /// </summary>
    public static int TrimmedLength(ReadOnlySpan<char> value)
    {
        var length = value.Length;
        while (length > 0 && IsWrittenAsSpace(value[length - 1]))
        {
            length--;
        }

        return length;
    }

    /// <summary>UTF-8 counterpart of <see cref="TrimmedLength(ReadOnlySpan{char})"/>.</summary>
    public static int TrimmedLength(ReadOnlySpan<byte> value)
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
    public static int PrefixWithin(ReadOnlySpan<char> value, int maxBytes, bool header, out int bytes)
    {
        bytes = 0;
        var i = 0;
        while (i < value.Length)
        {
            var c = value[i];
            int units = 1, cost;
            if (c < 0x80)
            {
                cost = c == '\\' || (header ? c == '|' : c is '=' or '\r' or '\n') ? 2 : 1;
            }
            else if (c is '\u0085' or '\u2028' or '\u2029')
            {
                cost = header ? 1 : 2;
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

    /// <summary>Escapes a header field into a new string (tests and the rare unknown-vendor path).</summary>
    public static string EscapeHeader(string value) => EscapeToString(value, header: true);

    /// <summary>Escapes an extension value into a new string, without trimming (tests).</summary>
    public static string EscapeExtension(string value) => EscapeToString(value, header: false);

    private static string EscapeToString(string value, bool header)
    {
        var buffer = new byte[value.Length * MaxBytesPerChar];
        var written = Write(value, buffer, header);
        return Encoding.UTF8.GetString(buffer, 0, written);
    }

    private static bool IsWrittenAsSpace(char c) => c == ' ' || (c < 0x20 && c != '\r' && c != '\n');

    private static int Write(ReadOnlySpan<char> value, Span<byte> destination, bool header)
    {
        var specials = header ? HeaderSpecials : ExtensionSpecials;
        var written = 0;
        while (true)
        {
            var i = value.IndexOfAny(specials);
            var run = i < 0 ? value : value[..i];
            if (!run.IsEmpty)
            {
                // Specials are ASCII, so a run never ends between the halves of a valid surrogate pair.
                Utf8.FromUtf16(run, destination[written..], out _, out var runBytes, replaceInvalidSequences: true, isFinalBlock: true);
                written += runBytes;
            }

            if (i < 0)
            {
                return written;
            }

            written += WriteSpecial(value[i], destination[written..], header);
            value = value[(i + 1)..];
        }
    }

    private static int WriteSpecial(char c, Span<byte> destination, bool header)
    {
        switch (c)
        {
            case '\\':
            case '|' when header:
            case '=' when !header:
                destination[0] = (byte)'\\';
                destination[1] = (byte)c;
                return 2;
            case '\r' when !header:
                destination[0] = (byte)'\\';
                destination[1] = (byte)'r';
                return 2;
            case '\n' or '\u0085' or '\u2028' or '\u2029' when !header:
                destination[0] = (byte)'\\';
                destination[1] = (byte)'n';
                return 2;
            default:
                // TAB and other C0 controls anywhere, and line breaks in the header: CEF has no escape for them.
                destination[0] = (byte)' ';
                return 1;
        }
    }
}
