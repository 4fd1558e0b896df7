using System.Text;

namespace AuditBridge.Core.Tests.Formats.Cef;

/// <summary>
/// A strict reader of one CEF record for unit tests (the real-parser checks use liblognorm): header fields and
/// extension pairs, unescaped. Throws on anything liblognorm would reject: a missing 7th pipe, an escape other than
/// <c>\\ \|</c> in the header or <c>\\ \= \n \r</c> in the extension, a raw control character, an unescaped <c>=</c>
/// inside a value.
/// </summary>
internal static class CefTestReader
{
    public static (string[] Header, List<KeyValuePair<string, string>> Extension) Read(string record)
    {
        if (!record.StartsWith("CEF:0|", StringComparison.Ordinal))
        {
            throw new FormatException("The record does not start with CEF:0|: " + record);
        }

        if (record.Any(c => c < 0x20))
        {
            throw new FormatException("The record contains a raw control character: " + record);
        }

        var header = new List<string>();
        var field = new StringBuilder();
        var i = 6;
        while (header.Count < 6)
        {
            if (i >= record.Length)
            {
                throw new FormatException("The header has fewer than 7 fields or lacks the 7th pipe: " + record);
            }

            var c = record[i++];
            if (c == '\\')
            {
                var next = i < record.Length ? record[i++] : '\0';
                if (next is not ('\\' or '|'))
                {
                    throw new FormatException($"Illegal header escape \\{next}: {record}");
                }

                field.Append(next);
            }
            else if (c == '|')
            {
                header.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        return ([.. header], ReadExtension(record[i..]));
    }

    private static List<KeyValuePair<string, string>> ReadExtension(string extension)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        var position = 0;
        while (position < extension.Length)
        {
            var equals = extension.IndexOf('=', position);
            var key = equals < 0 ? string.Empty : extension[position..equals];
            if (key.Length == 0 || !key.All(char.IsAsciiLetterOrDigit))
            {
                throw new FormatException($"Expected a key at offset {position}: {extension}");
            }

            var value = new StringBuilder();
            var i = equals + 1;
            while (i < extension.Length)
            {
                var c = extension[i];
                if (c == '\\')
                {
                    var next = i + 1 < extension.Length ? extension[i + 1] : '\0';
                    value.Append(next switch
                    {
                        '\\' => '\\',
                        '=' => '=',
                        'n' => '\n',
                        'r' => '\r',
                        _ => throw new FormatException($"Illegal extension escape \\{next}: {extension}"),
                    });
                    i += 2;
                    continue;
                }

                if (c == '=')
                {
                    throw new FormatException($"Unescaped = inside the value of {key}: {extension}");
                }

                if (c == ' ' && StartsKey(extension, i + 1))
                {
                    break;
                }

                value.Append(c);
                i++;
            }

            pairs.Add(new(key, value.ToString()));
            position = i + 1;
        }

        return pairs;
    }

    private static bool StartsKey(string extension, int start)
    {
        var i = start;
        while (i < extension.Length && char.IsAsciiLetterOrDigit(extension[i]))
        {
            i++;
        }

        return i > start && i < extension.Length && extension[i] == '=';
    }
}
