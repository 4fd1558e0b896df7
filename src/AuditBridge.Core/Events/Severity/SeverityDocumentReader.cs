using System.Text.Json;

namespace AuditBridge.Events.Severity;

/// <summary>
/// Reads a severity policy document (docs/formats/severity.md), given as bytes, onto a <see cref="SeverityPolicyDraft"/>,
/// strictly: an unknown or duplicate key, a value that is not an integer 0..10, or broken JSON stops with a
/// <see cref="SeverityPolicyException"/> that names the source (the file it came from), line, column and key. Comments
/// and trailing commas are allowed, because people edit these files by hand. Core reads no files: whoever has the
/// path reads it (Connectors' <c>SeverityPolicyFile</c>).
/// </summary>
internal ref struct SeverityDocumentReader
{
    private static readonly JsonReaderOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private readonly ReadOnlySpan<byte> _json;
    private readonly string _sourceName;
    private Utf8JsonReader _reader;
    private string _key;

    private SeverityDocumentReader(ReadOnlySpan<byte> json, string sourceName)
    {
        _json = json;
        _sourceName = sourceName;
        _reader = new Utf8JsonReader(json, Options);
        _key = string.Empty;
    }

    /// <summary>Merges the document in <paramref name="json"/> into <paramref name="draft"/>.</summary>
    /// <exception cref="SeverityPolicyException">The document is malformed; <paramref name="draft"/> may be partly changed.</exception>
    public static void Apply(ReadOnlySpan<byte> json, string sourceName, SeverityPolicyDraft draft)
    {
        var reader = new SeverityDocumentReader(json, sourceName);
        try
        {
            reader.ReadDocument(draft);
        }
        catch (JsonException exception)
        {
            // The reader's own message ends in "LineNumber: n | BytePositionInLine: m."; our prefix says that better.
            var problem = exception.Message;
            var cut = problem.IndexOf(" LineNumber:", StringComparison.Ordinal);
            problem = "invalid JSON: " + (cut >= 0 ? problem[..cut] : problem);
            throw new SeverityPolicyException(
                sourceName, (exception.LineNumber ?? 0) + 1, (exception.BytePositionInLine ?? 0) + 1, reader._key, problem, exception);
        }
    }

    private void ReadDocument(SeverityPolicyDraft draft)
    {
        Next();
        if (_reader.TokenType != JsonTokenType.StartObject)
        {
            throw Fail("the document must be a JSON object with 'default' and/or 'vendors'");
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (NextProperty(string.Empty, seen, out var name))
        {
            switch (name)
            {
                case "default":
                    draft.DefaultSeverity = ReadSeverity(allowNull: false) ?? draft.DefaultSeverity;
                    break;
                case "vendors":
                    ReadVendors(draft);
                    break;
                default:
                    throw Fail("unknown key; expected 'default' or 'vendors'");
            }
        }

        if (_reader.Read())
        {
            throw Fail("unexpected content after the document");
        }
    }

    private void ReadVendors(SeverityPolicyDraft draft)
    {
        ExpectObject("'vendors' must be an object of vendor keys (dropbox, box, dashlane, …)");
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (NextProperty("vendors", seen, out var vendorName))
        {
            var vendorKey = _key;
            ExpectObject("a vendor entry must be an object with 'default', 'categories' and/or 'event_types'");
            var vendor = draft.Vendor(vendorName);
            var vendorSeen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            while (NextProperty(vendorKey, vendorSeen, out var name))
            {
                switch (name)
                {
                    case "default":
                        vendor.Default = ReadSeverity(allowNull: true);
                        break;
                    case "categories":
                        ReadMap(vendor.Categories);
                        break;
                    case "event_types":
                        ReadMap(vendor.EventTypes);
                        break;
                    default:
                        throw Fail("unknown key; expected 'default', 'categories' or 'event_types'");
                }
            }
        }
    }

    /// <summary>An object of name → severity; <c>null</c> removes an entry an earlier file set.</summary>
    private void ReadMap(Dictionary<string, int> map)
    {
        var mapKey = _key;
        ExpectObject("must be an object of names to severities");
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (NextProperty(mapKey, seen, out var name))
        {
            if (ReadSeverity(allowNull: true) is { } severity)
            {
                map[name] = severity;
            }
            else
            {
                map.Remove(name);
            }
        }
    }

    private int? ReadSeverity(bool allowNull)
    {
        Next();
        if (_reader.TokenType == JsonTokenType.Null && allowNull)
        {
            return null;
        }

        if (_reader.TokenType != JsonTokenType.Number
            || !_reader.TryGetInt32(out var value)
            || value < SeverityPolicy.MinSeverity
            || value > SeverityPolicy.MaxSeverity)
        {
            throw Fail(string.Concat(
                "severity must be an integer from 0 to 10",
                allowNull ? " (or null to remove the entry)" : string.Empty,
                ", found ",
                Describe()));
        }

        return value;
    }

    /// <summary>Moves to the next property of the current object; false at its end.</summary>
    private bool NextProperty(string parent, HashSet<string> seen, out string name)
    {
        Next();
        if (_reader.TokenType == JsonTokenType.EndObject)
        {
            name = string.Empty;
            return false;
        }

        name = _reader.GetString()!;
        _key = parent.Length == 0 ? name : parent + "." + name;
        if (name.Length == 0)
        {
            throw Fail("empty key");
        }

        if (!seen.Add(name))
        {
            throw Fail("duplicate key (keys compare ignoring case)");
        }

        return true;
    }

    private void ExpectObject(string problem)
    {
        Next();
        if (_reader.TokenType != JsonTokenType.StartObject)
        {
            throw Fail(problem + ", found " + Describe());
        }
    }

    private void Next()
    {
        if (!_reader.Read())
        {
            throw Fail("unexpected end of the document");
        }
    }

    private readonly string Describe() => _reader.TokenType switch
    {
        JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null =>
            System.Text.Encoding.UTF8.GetString(_reader.ValueSpan),
        JsonTokenType.String => "a string",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => _reader.TokenType.ToString(),
    };

    private readonly SeverityPolicyException Fail(string problem)
    {
        // Utf8JsonReader keeps its line number to itself; count from the token's byte offset instead.
        var offset = (int)Math.Min(_reader.TokenStartIndex, _json.Length);
        var before = _json[..offset];
        var line = before.Count((byte)'\n') + 1;
        var column = offset - (before.LastIndexOf((byte)'\n') + 1) + 1;
        return new SeverityPolicyException(_sourceName, line, column, _key, problem);
    }
}
