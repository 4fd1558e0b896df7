using System.Text;

namespace AuditBridge.Configuration;

/// <summary>
/// <c>${VAR}</c> and <c>${VAR:-default}</c> in configuration values (the shell's forms); <c>$$</c> is a literal
/// <c>$</c>. A variable that is not set and has no default is an error naming it.
/// </summary>
internal static class ConfigInterpolation
{
    public static string Apply(string text, IReadOnlyDictionary<string, string> environment, out string? error)
    {
        error = null;
        if (!text.Contains('$', StringComparison.Ordinal))
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c != '$' || i + 1 >= text.Length)
            {
                result.Append(c);
                continue;
            }

            if (text[i + 1] == '$')
            {
                result.Append('$');
                i++;
                continue;
            }

            if (text[i + 1] != '{')
            {
                result.Append(c);
                continue;
            }

            var close = text.IndexOf('}', i + 2);
            if (close < 0)
            {
                error = $"'${{' at position {i + 1} is not closed by '}}'";
                return text;
            }

            var inner = text[(i + 2)..close];
            var separator = inner.IndexOf(":-", StringComparison.Ordinal);
            var name = separator >= 0 ? inner[..separator] : inner;
            if (!IsName(name))
            {
                error = $"'${{{inner}}}' does not name an environment variable (letters, digits and _)";
                return text;
            }

            if (environment.TryGetValue(name, out var value) && value.Length > 0)
            {
                result.Append(value);
            }
            else if (separator >= 0)
            {
                result.Append(inner.AsSpan(separator + 2));
            }
            else
            {
                error = $"the environment variable {name} is not set (set it, put it in .env next to the configuration, or write ${{{name}:-default}})";
                return text;
            }

            i = close;
        }

        return result.ToString();
    }

    /// <summary>True when <paramref name="text"/> is exactly one <c>${VAR}</c> or <c>${VAR:-default}</c>.</summary>
    public static bool IsSingleReference(string text) =>
        text.StartsWith("${", StringComparison.Ordinal) && text.EndsWith('}') && text.IndexOf('}', StringComparison.Ordinal) == text.Length - 1;

    private static bool IsName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
