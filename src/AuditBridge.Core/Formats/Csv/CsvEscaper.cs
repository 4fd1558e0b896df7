using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace AuditBridge.Formats.Csv;

/// <summary>
/// RFC 4180 cells: a cell containing <c>"</c>, <c>,</c> or a line break (CR, LF, and the other Unicode mandatory
/// breaks: VT, FF, NEL, LS, PS) is quoted and its quotes are doubled; nothing else changes. With the formula guard, a
/// cell a spreadsheet could evaluate (<see cref="NeedsGuard(ReadOnlySpan{char})"/>) is prefixed with <c>'</c> (inside
/// the quotes when quoted), which spreadsheets show as text instead of evaluating (OWASP "CSV Injection").
/// </summary>
internal static class CsvEscaper
{
    /// <summary>Worst-case bytes per UTF-16 code unit, plus <see cref="ExtraBytes"/> per cell.</summary>
    public const int MaxBytesPerChar = 3;

    /// <summary>Two quotes and the guard.</summary>
    public const int ExtraBytes = 3;

    // Every line break is quoted, not only CR and LF: VT, FF and the Unicode ones (NEL, LS, PS) end a line for many
    // readers too, and RFC 4180 keeps a line break inside a quoted cell part of that cell. The Unicode ones are
    // multi-byte, so the UTF-8 path looks for them separately.
    private static readonly SearchValues<char> QuoteTriggers = SearchValues.Create("\",\r\n\u000B\u000C" + UnicodeLineBreaks.Characters);
    private static readonly SearchValues<byte> QuoteTriggerBytes = SearchValues.Create("\",\r\n\u000B\u000C"u8);

    /// <summary>
    /// Whether a spreadsheet could evaluate the cell as a formula: it starts with TAB, CR or NUL (OWASP and ASVS list them
    /// as triggers themselves), or its first character after any leading whitespace, control or invisible formatting
    /// characters (NUL, BOM, ideographic space, zero-width space, bidirectional marks …) is <c>=</c>, <c>+</c>, <c>-</c>,
    /// <c>@</c> or their fullwidth or small forms (<c>＝＋－＠</c>, <c>﹦﹢﹣﹫</c>), which spreadsheets fed by an input
    /// method take as the same characters.
    /// </summary>
    public static bool NeedsGuard(ReadOnlySpan<char> value)
    {
        if (!value.IsEmpty && IsTriggerByItself(value[0]))
        {
            return true;
        }

        foreach (var rune in value.EnumerateRunes())
        {
            if (Decide(rune) is { } guard)
            {
                return guard;
            }
        }

        return false;
    }

    /// <summary>UTF-8 counterpart of <see cref="NeedsGuard(ReadOnlySpan{char})"/>.</summary>
    public static bool NeedsGuard(ReadOnlySpan<byte> value)
    {
        if (!value.IsEmpty && IsTriggerByItself((char)value[0]))
        {
            return true;
        }

        while (Rune.DecodeFromUtf8(value, out var rune, out var used) == OperationStatus.Done)
        {
            if (Decide(rune) is { } guard)
            {
                return guard;
            }

            value = value[used..];
        }

        return false;
    }

    /// <summary>Writes one cell; <paramref name="destination"/> needs <see cref="MaxBytesPerChar"/> bytes per char plus <see cref="ExtraBytes"/>.</summary>
    public static int WriteCell(ReadOnlySpan<char> value, bool guard, Span<byte> destination)
    {
        var quote = value.ContainsAny(QuoteTriggers);
        var position = Open(destination, quote, guard && NeedsGuard(value));
        while (true)
        {
            var i = quote ? value.IndexOf('"') : -1;
            var run = i < 0 ? value : value[..i];
            Utf8.FromUtf16(run, destination[position..], out _, out var written, replaceInvalidSequences: true, isFinalBlock: true);
            position += written;
            if (i < 0)
            {
                break;
            }

            destination[position++] = (byte)'"';
            destination[position++] = (byte)'"';
            value = value[(i + 1)..];
        }

        return Close(destination, position, quote);
    }

    /// <summary>Writes one cell from UTF-8 (a JSON cell); <paramref name="destination"/> needs 2 bytes per byte plus <see cref="ExtraBytes"/>.</summary>
    public static int WriteCell(ReadOnlySpan<byte> value, bool guard, Span<byte> destination)
    {
        var quote = value.ContainsAny(QuoteTriggerBytes) || UnicodeLineBreaks.IsIn(value);
        var position = Open(destination, quote, guard && NeedsGuard(value));
        while (true)
        {
            var i = quote ? value.IndexOf((byte)'"') : -1;
            var run = i < 0 ? value : value[..i];
            run.CopyTo(destination[position..]);
            position += run.Length;
            if (i < 0)
            {
                break;
            }

            destination[position++] = (byte)'"';
            destination[position++] = (byte)'"';
            value = value[(i + 1)..];
        }

        return Close(destination, position, quote);
    }

    /// <summary>Escapes one cell into a new string (tests).</summary>
    public static string Escape(string value, bool guard)
    {
        var buffer = new byte[(value.Length * MaxBytesPerChar) + ExtraBytes];
        return Encoding.UTF8.GetString(buffer, 0, WriteCell(value, guard, buffer));
    }

    private static bool IsTriggerByItself(char first) => first is '\t' or '\r' or '\0';

    // True: a formula starts here. False: text starts here. Null: invisible or blank, look at the next character.
    private static bool? Decide(Rune rune) => IsFormulaCharacter(rune) ? true : IsIgnorable(rune) ? null : false;

    private static bool IsFormulaCharacter(Rune rune) => rune.Value is '=' or '+' or '-' or '@'
        or 0xFF1D or 0xFF0B or 0xFF0D or 0xFF20 // fullwidth ＝ ＋ － ＠
        or 0xFE66 or 0xFE62 or 0xFE63 or 0xFE6B; // small ﹦ ﹢ ﹣ ﹫

    private static bool IsIgnorable(Rune rune) =>
        Rune.IsWhiteSpace(rune) || Rune.IsControl(rune) || Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format;

    private static int Open(Span<byte> destination, bool quote, bool formula)
    {
        var position = 0;
        if (quote)
        {
            destination[position++] = (byte)'"';
        }

        if (formula)
        {
            destination[position++] = (byte)'\'';
        }

        return position;
    }

    private static int Close(Span<byte> destination, int position, bool quote)
    {
        if (quote)
        {
            destination[position++] = (byte)'"';
        }

        return position;
    }
}
