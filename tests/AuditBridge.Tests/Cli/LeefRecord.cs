namespace AuditBridge.Tests.Cli;

/// <summary>
/// A LEEF 2.0 record read the way QRadar's LEEF parser does (docs/formats/leef.md): six header fields ended by pipes,
/// the delimiter named in the sixth (a character, or <c>x09</c>/<c>0x..</c> hex), then <c>key=value</c> attributes split
/// on the delimiter and on the first <c>=</c>. Throws when the record does not have that structure.
/// </summary>
internal sealed record LeefRecord(string Vendor, string Product, string Version, string EventId, char Delimiter, IReadOnlyDictionary<string, string> Attributes)
{
    public static LeefRecord Parse(string record)
    {
        var header = new string[6];
        var position = 0;
        for (var i = 0; i < header.Length; i++)
        {
            var pipe = record.IndexOf('|', position);
            if (pipe < 0)
            {
                throw new FormatException($"LEEF header field {i + 1} has no closing pipe: {record}");
            }

            header[i] = record[position..pipe];
            position = pipe + 1;
        }

        if (header[0] != "LEEF:2.0")
        {
            throw new FormatException($"Not LEEF 2.0: {header[0]}");
        }

        var delimiter = header[5].Length == 1
            ? header[5][0]
            : (char)Convert.ToInt32(header[5].TrimStart('0').TrimStart('x', 'X'), 16);
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var attribute in record[position..].Split(delimiter))
        {
            var equals = attribute.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException($"Attribute without a key: '{attribute}' in {record}");
            }

            if (!attributes.TryAdd(attribute[..equals], attribute[(equals + 1)..]))
            {
                throw new FormatException($"Attribute '{attribute[..equals]}' twice in {record}");
            }
        }

        return new LeefRecord(header[1], header[2], header[3], header[4], delimiter, attributes);
    }
}
