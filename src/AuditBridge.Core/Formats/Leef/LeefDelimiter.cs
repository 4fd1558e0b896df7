using System.Globalization;
using AuditBridge.Formats.KeyValue;

namespace AuditBridge.Formats.Leef;

/// <summary>
/// The attribute delimiter of one formatter and everything derived from it: how the header names it, what replaces it
/// in a text value, and how a section's JSON spells it (docs/formats/leef.md, "Delimiter").
/// </summary>
internal sealed class LeefDelimiter
{
    /// <summary>Every delimiter <see cref="LeefFormatterOptions.Delimiter"/> may name, TAB first.</summary>
    public const string Allowed = "\t!#$%&'()*;<>?@^`~";

    private LeefDelimiter(char value)
    {
        Value = value;
        if (value == '\t')
        {
            // TAB is a control character: the control rule (a space) already keeps it out of values and JSON, and a raw
            // TAB in the header would be invisible.
            Header = "x09"u8.ToArray();
            Values = KeyValueEscaping.Create([], lineBreak: " ");
            Json = KeyValueEscaping.Create([], lineBreak: " ");
        }
        else
        {
            Header = [(byte)value];
            Values = KeyValueEscaping.Create([new(value, Fullwidth(value))], lineBreak: " ");

            // No allowed delimiter is JSON syntax or part of an escape, so in valid JSON it stands inside a string,
            // where \u00XX means the same character.
            Json = KeyValueEscaping.Create([new(value, "\\u00" + ((int)value).ToString("x2", CultureInfo.InvariantCulture))], lineBreak: " ");
        }
    }

    /// <summary>The default delimiter, <c>^</c>.</summary>
    public static LeefDelimiter Caret { get; } = new('^');

    /// <summary>The delimiter character.</summary>
    public char Value { get; }

    /// <summary>How the header's sixth field names it: the character itself, or <c>x09</c> for TAB.</summary>
    public byte[] Header { get; }

    /// <summary>
    /// Attribute values: the delimiter → its fullwidth form (U+FF01..U+FF5E, e.g. <c>^</c> → <c>＾</c>; a space for TAB),
    /// every C0 control, NEL, LS and PS → space, everything else unchanged (<c>=</c>, <c>|</c> and <c>\</c> included: a
    /// value runs to the next delimiter).
    /// </summary>
    public KeyValueEscaping Values { get; }

    /// <summary>
    /// Section JSON, rewritten once: the delimiter → <c>\u00XX</c> (the same JSON value), C0 controls (whitespace between
    /// tokens in valid JSON) → space.
    /// </summary>
    public KeyValueEscaping Json { get; }

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
    internal static byte[] FullwidthUtf8(char ascii) => System.Text.Encoding.UTF8.GetBytes(Fullwidth(ascii));

    /// <summary>The fullwidth form of a printable ASCII character: the character + 0xFEE0.</summary>
    internal static string Fullwidth(char ascii) => new((char)(ascii + 0xFEE0), 1);

    private static ArgumentException Invalid(string? option, string paramName) => new(
        $"Invalid LEEF delimiter '{option}': expected TAB (x09) or one of ! # $ % & ' ( ) * ; < > ? @ ^ ` ~, as the character or as x.. / 0x.. hex.",
        paramName);
}
