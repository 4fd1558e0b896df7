using System.Text;

namespace AuditBridge.TestKit.Secrets;

/// <summary>
/// Finds pieces of secrets in what the product wrote: any 8-character substring of a secret (the shortest secret
/// AuditBridge accepts) counts as a leak, so a token that was cut before it was redacted, or echoed in part, is caught
/// as surely as a whole one.
/// </summary>
public static class SecretLeaks
{
    /// <summary>Length of the pieces looked for.</summary>
    public const int PieceLength = 8;

    /// <summary>Every distinct <see cref="PieceLength"/>-character substring of <paramref name="secret"/>.</summary>
    /// <param name="secret">The secret.</param>
    /// <param name="minimumDistinctCharacters">
    /// Leave out pieces with fewer different characters: for tokens that encode structured binary data (a simulator's
    /// issued token is base64 of counters and times), whose runs like <c>AAAAAAAA</c> also occur in any other such value.
    /// </param>
    public static IEnumerable<string> Pieces(string secret, int minimumDistinctCharacters = 1)
    {
        var pieces = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + PieceLength <= secret.Length; i++)
        {
            var piece = secret.Substring(i, PieceLength);
            if (piece.Distinct().Count() >= minimumDistinctCharacters)
            {
                pieces.Add(piece);
            }
        }

        return pieces;
    }

    /// <summary>The leaks of <paramref name="secrets"/> (name → value) in <paramref name="text"/>: one line per piece found, with some context.</summary>
    public static IReadOnlyList<string> Find(IReadOnlyDictionary<string, string> secrets, string text, string where, int minimumDistinctCharacters = 1)
    {
        var leaks = new List<string>();
        foreach (var (name, secret) in secrets)
        {
            foreach (var piece in Pieces(secret, minimumDistinctCharacters))
            {
                var at = text.IndexOf(piece, StringComparison.Ordinal);
                if (at >= 0)
                {
                    var start = Math.Max(0, at - 60);
                    var context = text.Substring(start, Math.Min(text.Length - start, piece.Length + 120));
                    leaks.Add($"{where}: 8 characters of {name} ('{piece}') in: …{context.ReplaceLineEndings("⏎")}…");
                    break;
                }
            }
        }

        return leaks;
    }

    /// <summary>Like <see cref="Find(IReadOnlyDictionary{string, string}, string, string, int)"/> for bytes, read as UTF-8 and as Latin-1 (a binary file such as a SQLite database).</summary>
    public static IReadOnlyList<string> Find(IReadOnlyDictionary<string, string> secrets, byte[] bytes, string where) =>
        [.. Find(secrets, Encoding.UTF8.GetString(bytes), where), .. Find(secrets, Encoding.Latin1.GetString(bytes), where + " (bytes)")];

    /// <summary>Fails with every leak when <paramref name="text"/> holds a piece of a secret.</summary>
    public static void AssertNone(IReadOnlyDictionary<string, string> secrets, string text, string where)
    {
        var leaks = Find(secrets, text, where);
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
    }

    /// <summary>Fails when <paramref name="text"/> holds a piece of <paramref name="secret"/>.</summary>
    public static void AssertNone(string secret, string text) =>
        AssertNone(new Dictionary<string, string> { ["the secret"] = secret }, text, "text");
}
