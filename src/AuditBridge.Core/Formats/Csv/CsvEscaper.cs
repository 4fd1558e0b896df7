using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace AuditBridge.Formats.Csv;

/// <summary>
/// RFC 4180 cells: a cell containing <c>"</c>, <c>,</c>, CR or LF is quoted and its quotes are doubled; nothing else
/// changes. With the formula guard, a cell starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, TAB or CR is prefixed
/// with <c>'</c> (inside the quotes when quoted), which spreadsheets show as text instead of evaluating
/// (OWASP "CSV Injection").
/// </summary>
internal static class CsvEscaper
{
    /// <summary>Worst-case bytes per UTF-16 code unit, plus <see cref="ExtraBytes"/> per cell.</summary>
    public const int MaxBytesPerChar = 3;

    /// <summary>Two quotes and the guard.</summary>
    public const int ExtraBytes = 3;

    private static readonly SearchValues<char> QuoteTriggers = SearchValues.Create("\",\r\n");
    private static readonly SearchValues<byte> QuoteTriggerBytes = SearchValues.Create("\",\r\n"u8);

    /// <summary>Whether a spreadsheet would evaluate a cell starting with <paramref name="c"/>.</summary>
    public static bool IsFormulaStart(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>Writes one cell; <paramref name="destination"/> needs <see cref="MaxBytesPerChar"/> bytes per char plus <see cref="ExtraBytes"/>.</summary>
    public static int WriteCell(ReadOnlySpan<char> value, bool guard, Span<byte> destination)
    {
        var quote = value.ContainsAny(QuoteTriggers);
        var position = Open(destination, quote, guard && !value.IsEmpty && IsFormulaStart(value[0]));
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
        var quote = value.ContainsAny(QuoteTriggerBytes);
        var position = Open(destination, quote, guard && !value.IsEmpty && IsFormulaStart((char)value[0]));
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
