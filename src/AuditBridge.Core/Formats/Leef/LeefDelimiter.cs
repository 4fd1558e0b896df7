using System.Buffers;
using System.Globalization;

namespace AuditBridge.Formats.Leef;

/// <summary>
/// The attribute delimiter of one formatter and everything derived from it: how the header names it, what replaces it
/// in a text value, and how a section's JSON spells it (docs/formats/leef.md, "Delimiter").
/// </summary>
internal sealed class LeefDelimiter
{
    /// <summary>Every delimiter <see cref="LeefFormatterOptions.Delimiter"/> may name, TAB first.</summary>
    public const string Allowed = "\t!#$%&'()*;<>?@^`~";

    private const string Controls =
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F";

    private LeefDelimiter(char value)
    {
        Value = value;
        Header = value == '\t' ? "x09"u8.ToArray() : [(byte)value];
        if (value == '\t')
        {
            // TAB is a control character: the control rule (a space) already keeps it out of values and JSON.
            Substitute = [(byte)' '];
            JsonEscape = [(byte)' '];
            ValueSpecials = SearchValues.Create(Controls + UnicodeLineBreaks.Characters);
            JsonSpecials = SearchValues.Create(ControlBytes());
        }
        else
        {
            Substitute = FullwidthUtf8(value);
            JsonEscape = [.. "\\u00"u8, (byte)"0123456789abcdef"[value >> 4], (byte)"0123456789abcdef"[value & 0xF]];
            ValueSpecials = SearchValues.Create(Controls + UnicodeLineBreaks.Characters + value);
            JsonSpecials = SearchValues.Create([.. ControlBytes(), (byte)value]);
        }
    }

    /// <summary>The default delimiter, <c>^</c>.</summary>
    public static LeefDelimiter Caret { get; } = new('^');

    /// <summary>The delimiter character.</summary>
    public char Value { get; }

    /// <summary>How the header's sixth field names it: the character itself, or <c>x09</c> for TAB.</summary>
    public byte[] Header { get; }

    /// <summary>
    /// What the delimiter becomes inside a text value: its fullwidth form (U+FF01..U+FF5E, e.g. <c>^</c> → <c>＾</c>),
    /// or a space for TAB.
    /// </summary>
    public byte[] Substitute { get; }

    /// <summary>What the delimiter byte becomes inside section JSON: <c>\u00XX</c> (same JSON value), or a space for TAB.</summary>
    public byte[] JsonEscape { get; }

    /// <summary>Characters a text value cannot carry as they are: C0 controls, NEL, LS, PS and the delimiter.</summary>
    public SearchValues<char> ValueSpecials { get; }

    /// <summary>Bytes section JSON cannot carry as they are: C0 controls and the delimiter.</summary>
    public SearchValues<byte> JsonSpecials { get; }

    /// <summary>Reads the option: one allowed character, or its hex code (<c>x..</c>/<c>0x..</c>, 1–4 hex digits).</summary>
    /// <exception cref="ArgumentException">The value is not one of <see cref="Allowed"/>.</exception>
    public static LeefDelimiter Parse(string? option, string paramName)
    {
        if (option is null || option.Length == 0)
        {
            throw Invalid(option, paramName);
        }

        char value;
        if (option.Length == 1)
        {
            value = option[0];
        }
        else
        {
            var hex = option.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? option.AsSpan(2)
                : option.StartsWith('x') || option.StartsWith('X') ? option.AsSpan(1)
                : [];
            if (hex.Length is < 1 or > 4
                || !int.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                throw Invalid(option, paramName);
            }

            value = (char)code;
        }

        if (!Allowed.Contains(value, StringComparison.Ordinal))
        {
            throw Invalid(option, paramName);
        }

        return value == '^' ? Caret : new LeefDelimiter(value);
    }

    /// <summary>UTF-8 of the fullwidth form of a printable ASCII character (U+FF01..U+FF5E, always 3 bytes).</summary>
    internal static byte[] FullwidthUtf8(char ascii)
    {
        var codePoint = ascii + 0xFEE0;
        return [(byte)(0xE0 | (codePoint >> 12)), (byte)(0x80 | ((codePoint >> 6) & 0x3F)), (byte)(0x80 | (codePoint & 0x3F))];
    }

    private static byte[] ControlBytes()
    {
        var bytes = new byte[0x20];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)i;
        }

        return bytes;
    }

    private static ArgumentException Invalid(string? option, string paramName) => new(
        $"Invalid LEEF delimiter '{option}': expected TAB (x09) or one of ! # $ % & ' ( ) * ; < > ? @ ^ ` ~, as the character or as x.. / 0x.. hex.",
        paramName);
}
