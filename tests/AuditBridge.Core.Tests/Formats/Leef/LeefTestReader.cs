using System.Globalization;

namespace AuditBridge.Core.Tests.Formats.Leef;

/// <summary>One LEEF 2.0 record as <see cref="LeefTestReader"/> read it.</summary>
internal sealed record LeefRecord(
    string Vendor,
    string Product,
    string Version,
    string EventId,
    string DelimiterField,
    char Delimiter,
    IReadOnlyList<KeyValuePair<string, string>> Attributes)
{
    public IReadOnlyDictionary<string, string> Values { get; } = Attributes.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    public string[] Keys => [.. Attributes.Select(p => p.Key)];
}

/// <summary>
/// A strict LEEF 2.0 reader for tests (there is no LEEF parser on Debian: reference §7). It throws on anything a
/// QRadar-style parser could read differently than we mean it:
/// <list type="bullet">
/// <item>the record must start with <c>LEEF:2.0|</c> and hold no CR, LF or other control character (TAB only as the
/// delimiter);</item>
/// <item>the header is split on <c>|</c> — LEEF has no escapes, so every pipe separates — into exactly six fields
/// (<c>LEEF:2.0</c>, vendor, product, version, event id, delimiter), and holds no backslash (a parser that honours
/// CEF's <c>\|</c> would otherwise shift the fields);</item>
/// <item>the delimiter field is one character or <c>x</c>/<c>0x</c> plus 1–4 hex digits;</item>
/// <item>the rest splits on the delimiter into attributes, each <c>key=value</c> split on its first <c>=</c>, the key
/// from the allowed set, the value non-empty, no key twice.</item>
/// </list>
/// </summary>
internal static class LeefTestReader
{
    /// <summary>The fixed attribute keys of docs/formats/leef.md.</summary>
    public static readonly IReadOnlySet<string> FixedKeys = new HashSet<string>(StringComparer.Ordinal)
    {
        "devTime", "sev", "cat", "externalId", "outcome", "usrName", "actorId", "role", "targetUser", "targetId",
        "targetRole", "src", "msg", "objectKind", "objectName", "objectPath", "objectId", "truncated",
    };

    /// <summary>
    /// Reads <paramref name="record"/>; attribute keys must be <see cref="FixedKeys"/> or one of
    /// <paramref name="sectionKeys"/> (default: the six Dropbox section names).
    /// </summary>
    public static LeefRecord Read(string record, IEnumerable<string>? sectionKeys = null)
    {
        var allowed = new HashSet<string>(FixedKeys, StringComparer.Ordinal);
        allowed.UnionWith(sectionKeys ?? ["details", "actor", "origin", "assets", "participants", "context"]);

        if (!record.StartsWith("LEEF:2.0|", StringComparison.Ordinal))
        {
            throw new FormatException("The record does not start with LEEF:2.0|: " + record);
        }

        if (record.Contains('\r', StringComparison.Ordinal) || record.Contains('\n', StringComparison.Ordinal))
        {
            throw new FormatException("The record contains a raw line break: " + record);
        }

        var header = new string[6];
        var position = 0;
        for (var i = 0; i < header.Length; i++)
        {
            var pipe = record.IndexOf('|', position);
            if (pipe < 0)
            {
                throw new FormatException($"The header has {i} fields, not 6: " + record);
            }

            header[i] = record[position..pipe];
            position = pipe + 1;
        }

        if (header.Any(field => field.Contains('\\', StringComparison.Ordinal)))
        {
            throw new FormatException("A header field contains a backslash: " + record);
        }

        var delimiter = DecodeDelimiter(header[5]);
        var payload = record[position..];
        if (payload.Any(c => c < 0x20 && c != delimiter))
        {
            throw new FormatException("The attributes contain a raw control character: " + record);
        }

        var attributes = new List<KeyValuePair<string, string>>();
        foreach (var attribute in payload.Split(delimiter))
        {
            var equals = attribute.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException($"Not a key=value attribute: '{attribute}' in {record}");
            }

            var key = attribute[..equals];
            var value = attribute[(equals + 1)..];
            if (!allowed.Contains(key))
            {
                throw new FormatException($"Unexpected key '{key}' in {record}");
            }

            if (value.Length == 0)
            {
                throw new FormatException($"Empty value of '{key}' in {record}");
            }

            if (attributes.Any(p => p.Key == key))
            {
                throw new FormatException($"Key '{key}' appears twice in {record}");
            }

            attributes.Add(new(key, value));
        }

        return new LeefRecord(header[1], header[2], header[3], header[4], header[5], delimiter, attributes);
    }

    /// <summary>The delimiter a header field names: one character, or <c>x</c>/<c>0x</c> and 1–4 hex digits.</summary>
    public static char DecodeDelimiter(string field)
    {
        if (field.Length == 1)
        {
            return field[0];
        }

        var hex = field.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? field[2..]
            : field.StartsWith('x') || field.StartsWith('X') ? field[1..]
            : throw new FormatException($"Not a delimiter: '{field}'");
        if (hex.Length is < 1 or > 4 || !int.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
        {
            throw new FormatException($"Not a delimiter: '{field}'");
        }

        return (char)code;
    }
}
