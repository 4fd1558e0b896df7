using System.Text;
using System.Text.Json;

namespace AuditBridge.Connectors.Tests.Sources.Poison;

/// <summary>
/// Every way the fuzz tests break one vendor event: each string value, number and member name of the event replaced,
/// one at a time, by a hostile value (a lone surrogate, NUL, bytes that are not UTF-8, 70,000 characters, numbers past
/// every range, values of the wrong type). The result is spliced into the event's own bytes, so everything else stays
/// exactly as the simulator wrote it and the mutation can be anything a JSON parser accepts.
/// </summary>
internal static class JsonMutations
{
    private static readonly byte[][] ForStrings =
    [
        Utf8("\"\\ud800\""),
        Utf8("\"tail \\udc00\\ud800\""),
        Utf8("\"a\\u0000b\""),
        [(byte)'"', 0xFF, 0xFE, (byte)'x', 0xC3, (byte)'"'],
        Utf8("\"" + new string('A', 70_000) + "\""),
        Utf8("\"\""),
        Utf8("\"line\\nbreak\\r|CEF:0|x=y\\\\ <script>alert(1)</script> \\u2028 \\u202e\""),
        Utf8("12345"),
        Utf8("true"),
        Utf8("null"),
        Utf8("{}"),
        Utf8("[]"),
        Utf8("{\"a\":[1,{\"\\ud800 a member name long enough to be compared\":\"\\ud800\"}]}"),
    ];

    private static readonly byte[][] ForNumbers =
    [
        Utf8("1e400"),
        Utf8("-1e400"),
        Utf8("123456789012345678901234567890"),
        Utf8("-0"),
        Utf8("0.5"),
        Utf8("-1"),
        Utf8("\"\\ud800\""),
        Utf8("\"12\""),
        Utf8("null"),
        Utf8("[]"),
    ];

    private static readonly byte[] HostileName = Utf8("\"\\ud800 a member name longer than any a mapper asks for\"");

    /// <summary>How many mutations each kind of token gets, for the tests' arithmetic.</summary>
    public static int PerString => ForStrings.Length;

    /// <summary>The mutated events of <paramref name="json"/> (one compact JSON object), with what each changed.</summary>
    public static IEnumerable<(string What, byte[] Json)> Of(byte[] json)
    {
        foreach (var (start, length, kind, path) in Tokens(json))
        {
            var replacements = kind switch
            {
                JsonTokenType.String => ForStrings,
                JsonTokenType.Number => ForNumbers,
                _ => [HostileName],
            };
            for (var i = 0; i < replacements.Length; i++)
            {
                var mutated = new byte[json.Length - length + replacements[i].Length];
                json.AsSpan(0, start).CopyTo(mutated);
                replacements[i].CopyTo(mutated, start);
                json.AsSpan(start + length).CopyTo(mutated.AsSpan(start + replacements[i].Length));
                yield return ($"{path} ({kind}) #{i}", mutated);
            }
        }
    }

    /// <summary>Each string value, number and member name: where it starts, how long it is (quotes included), its kind and path.</summary>
    private static List<(int Start, int Length, JsonTokenType Kind, string Path)> Tokens(byte[] json)
    {
        var tokens = new List<(int, int, JsonTokenType, string)>();
        var reader = new Utf8JsonReader(json);
        var path = new List<string>();
        string? name = null;
        while (reader.Read())
        {
            var start = (int)reader.TokenStartIndex;
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    name = Encoding.UTF8.GetString(reader.ValueSpan);
                    tokens.Add((start, reader.ValueSpan.Length + 2, JsonTokenType.PropertyName, string.Join('.', path.Append(name))));
                    continue;
                case JsonTokenType.String:
                    tokens.Add((start, reader.ValueSpan.Length + 2, JsonTokenType.String, string.Join('.', path.Append(name ?? "[]"))));
                    break;
                case JsonTokenType.Number:
                    tokens.Add((start, reader.ValueSpan.Length, JsonTokenType.Number, string.Join('.', path.Append(name ?? "[]"))));
                    break;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    path.Add(name ?? "[]");
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    path.RemoveAt(path.Count - 1);
                    break;
            }

            name = null;
        }

        return tokens;
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
