using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace AuditBridge.Configuration;

/// <summary>
/// Refuses a configuration nested deeper than <see cref="MaxDepth"/> before YamlDotNet recurses into it: its scanner
/// recurses once per nested flow collection (<c>[[[[…</c>) and its representation model once per nested node, so a file
/// nested 100,000 deep overflowed the stack, which kills the process (exit 134) instead of reporting where.
/// </summary>
/// <remarks>
/// Two checks, because the recursion happens in two places: <see cref="FindDeepFlow"/> scans the text for flow
/// brackets before the scanner sees it, and <see cref="Parser"/> counts nested nodes as the representation model reads
/// them (block mappings, <c>- - - …</c> on one line). A real configuration nests about six levels.
/// </remarks>
internal static class YamlDepthGuard
{
    /// <summary>The deepest nesting accepted.</summary>
    public const int MaxDepth = 100;

    /// <summary>The message of a configuration nested too deeply.</summary>
    public static readonly string TooDeepMessage =
        $"nested deeper than {MaxDepth} levels; a configuration needs a handful (is this the right file?)";

    /// <summary>
    /// The 1-based line and column of the first flow bracket (<c>[</c> or <c>{</c>) that opens level
    /// <see cref="MaxDepth"/> + 1, or null. Brackets inside quotes on the same line and in comments are not counted;
    /// anything else is (a bracket inside a plain or block scalar too), so the count can only be too high, never too low
    /// for the scanner, and only a file with more than <see cref="MaxDepth"/> unclosed brackets is refused.
    /// </summary>
    public static (int Line, int Column)? FindDeepFlow(string text)
    {
        int depth = 0, line = 1, column = 0;
        var quote = '\0';
        var previous = '\n';
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            column++;
            if (c == '\n')
            {
                // A quoted scalar may go on over lines; counting its later lines only over-counts.
                (line, column, quote, previous) = (line + 1, 0, '\0', '\n');
                continue;
            }

            if (quote != '\0')
            {
                if (quote == '"' && c == '\\')
                {
                    i++;
                    column++;
                }
                else if (c == quote && quote == '\'' && i + 1 < text.Length && text[i + 1] == '\'')
                {
                    // '' is a quote inside a single-quoted scalar.
                    i++;
                    column++;
                }
                else if (c == quote)
                {
                    quote = '\0';
                }

                previous = c;
                continue;
            }

            switch (c)
            {
                case '#' when previous is ' ' or '\t' or '\n':
                    while (i + 1 < text.Length && text[i + 1] != '\n')
                    {
                        i++;
                    }

                    continue;
                case '"' or '\'' when previous is ' ' or '\t' or '\n' or '[' or '{' or ',' or ':' or '-' or '?':
                    quote = c;
                    break;
                case '[' or '{':
                    if (++depth > MaxDepth)
                    {
                        return (line, column);
                    }

                    break;
                case ']' or '}':
                    depth = Math.Max(0, depth - 1);
                    break;
            }

            previous = c;
        }

        return null;
    }

    /// <summary>
    /// A parser that throws <see cref="TooDeepException"/> at the node that opens level <see cref="MaxDepth"/> + 1,
    /// before the representation model recurses into it.
    /// </summary>
    public sealed class Parser(IParser inner) : IParser
    {
        private int _depth;

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            if (!inner.MoveNext())
            {
                return false;
            }

            switch (inner.Current)
            {
                case MappingStart or SequenceStart:
                    if (++_depth > MaxDepth)
                    {
                        throw new TooDeepException(inner.Current.Start);
                    }

                    break;
                case MappingEnd or SequenceEnd:
                    _depth--;
                    break;
            }

            return true;
        }
    }

    /// <summary>Where the nesting went past <see cref="MaxDepth"/>.</summary>
    public sealed class TooDeepException(Mark start) : Exception(TooDeepMessage)
    {
        public Mark Start { get; } = start;
    }
}
