using System.Text;

namespace AuditBridge.Core.Tests.Formats.Csv;

/// <summary>
/// A strict RFC 4180 reader for tests: CRLF records, quotes only around whole cells, doubled quotes inside, and no line
/// break of any kind (VT, FF, NEL, LS and PS too, which other readers end a line at) outside a quoted cell.
/// </summary>
internal static class CsvTestReader
{
    public static List<string[]> Read(string text)
    {
        var records = new List<string[]>();
        var cells = new List<string>();
        var cell = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new FormatException("Unterminated quoted cell.");
                    }

                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            cell.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    cell.Append(text[i++]);
                }
            }
            else
            {
                while (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                {
                    if (text[i] == '"')
                    {
                        throw new FormatException($"Quote inside an unquoted cell at offset {i}.");
                    }

                    if (text[i] is '\u000B' or '\u000C' or '\u0085' or '\u2028' or '\u2029')
                    {
                        throw new FormatException($"Line break U+{(int)text[i]:X4} inside an unquoted cell at offset {i}.");
                    }

                    cell.Append(text[i++]);
                }
            }

            cells.Add(cell.ToString());
            cell.Clear();
            if (i < text.Length && text[i] == ',')
            {
                i++;
                continue;
            }

            if (i + 1 < text.Length && text[i] == '\r' && text[i + 1] == '\n')
            {
                records.Add([.. cells]);
                cells.Clear();
                i += 2;
                continue;
            }

            throw new FormatException($"Expected , or CRLF at offset {i}.");
        }

        if (cells.Count > 0)
        {
            throw new FormatException("The last record has no CRLF terminator.");
        }

        return records;
    }
}
