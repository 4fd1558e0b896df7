using AuditBridge.Shell;

namespace AuditBridge.Settings;

/// <summary>
/// Reads a <c>.env</c> file: <c>KEY=value</c> lines, <c>#</c> comments, an optional <c>export </c> prefix, values in
/// single quotes (literal) or double quotes (with <c>\n</c>, <c>\"</c> and <c>\\</c> escapes). Variables already set in the
/// environment win over the file, as with every dotenv tool. Errors name the file and line, never the value.
/// </summary>
internal static class DotEnvFile
{
    public static Dictionary<string, string> Parse(string path, string content)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = content.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r').Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (line.StartsWith("export ", StringComparison.Ordinal))
            {
                line = line["export ".Length..].TrimStart();
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            var key = equals > 0 ? line[..equals].Trim() : string.Empty;
            if (key.Length == 0 || !IsName(key))
            {
                throw new UsageException($"{path}:{i + 1}: expected KEY=value (a variable name of letters, digits and _), found something else");
            }

            values[key] = Value(path, i + 1, line[(equals + 1)..].Trim());
        }

        return values;
    }

    /// <summary>Loads <c>.env</c> from <paramref name="directory"/> when present and overlays the process environment on it.</summary>
    public static IReadOnlyDictionary<string, string> Merge(IReadOnlyDictionary<string, string> environment, string directory)
    {
        var path = Path.Combine(directory, ".env");
        if (!File.Exists(path))
        {
            return environment;
        }

        var merged = Parse(path, File.ReadAllText(path));
        foreach (var (key, value) in environment)
        {
            merged[key] = value;
        }

        return merged;
    }

    private static string Value(string path, int line, string raw)
    {
        if (raw.Length == 0)
        {
            return raw;
        }

        var quote = raw[0];
        if (quote is '\'' or '"')
        {
            var end = raw.LastIndexOf(quote);
            if (end == 0)
            {
                throw new UsageException($"{path}:{line}: the value opens a {quote} quote but does not close it");
            }

            var inner = raw[1..end];
            return quote == '\'' ? inner : Unescape(inner);
        }

        // Unquoted: a " #" starts a comment.
        var comment = raw.IndexOf(" #", StringComparison.Ordinal);
        return comment >= 0 ? raw[..comment].TrimEnd() : raw;
    }

    private static string Unescape(string value) => value
        .Replace("\\\\", "\u0000", StringComparison.Ordinal)
        .Replace("\\n", "\n", StringComparison.Ordinal)
        .Replace("\\\"", "\"", StringComparison.Ordinal)
        .Replace("\u0000", "\\", StringComparison.Ordinal);

    private static bool IsName(string key)
    {
        foreach (var c in key)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return !char.IsAsciiDigit(key[0]);
    }
}
