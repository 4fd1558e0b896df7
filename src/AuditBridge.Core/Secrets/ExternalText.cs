using System.Globalization;
using System.Text;

namespace AuditBridge.Secrets;

/// <summary>
/// The one way text that came from outside (a vendor's or receiver's answer, a header, an exception message, a child
/// process's stderr) is quoted in a message: every known secret is redacted in the whole text first, then whitespace
/// is folded into single spaces, the text is cut to a readable length, and control characters are shown as visible
/// escapes. Redacting before cutting means a secret at the cut cannot survive half-masked; escaping means an ESC or
/// BEL in a vendor's body cannot drive the operator's terminal or forge a log line.
/// </summary>
public static class ExternalText
{
    /// <summary>Characters kept of an external text by default.</summary>
    public const int DefaultLength = 300;

    /// <summary>Redacts, folds whitespace, cuts to <paramref name="maxChars"/> (adding <c>…</c>) and escapes <paramref name="text"/>.</summary>
    /// <param name="text">The text as received.</param>
    /// <param name="redactor">Knows every secret of the run.</param>
    /// <param name="maxChars">Longest result before escaping, at least 1.</param>
    /// <param name="isCut">True when <paramref name="text"/> is only the beginning of something longer: a secret that
    /// straddles its end is masked too (<see cref="SecretRedactor.RedactCut"/>).</param>
    public static string Describe(string text, SecretRedactor redactor, int maxChars = DefaultLength, bool isCut = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(redactor);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChars, 1);
        var redacted = isCut ? redactor.RedactCut(text) : redactor.Redact(text);
        var folded = FoldWhitespace(redacted);
        if (folded.Length > maxChars || (isCut && folded.Length > 0))
        {
            var end = Math.Min(maxChars, folded.Length);
            if (end < folded.Length && char.IsHighSurrogate(folded[end - 1]))
            {
                end--;
            }

            folded = string.Concat(folded.AsSpan(0, end).TrimEnd(), "…");
        }

        return Escape(folded);
    }

    /// <summary>Like <see cref="Describe(string, SecretRedactor, int, bool)"/> for UTF-8 bytes, of which <paramref name="isCut"/> says whether they are all.</summary>
    public static string Describe(ReadOnlySpan<byte> utf8, bool isCut, SecretRedactor redactor, int maxChars = DefaultLength)
    {
        // A cut can fall inside a multi-byte character; the decoder shows the broken end as U+FFFD.
        return Describe(Encoding.UTF8.GetString(utf8), redactor, maxChars, isCut);
    }

    /// <summary>
    /// <paramref name="text"/> with every control character shown as a visible escape: <c>\n</c>, <c>\r</c>, <c>\t</c>,
    /// <c>\x1B</c> (ESC), <c>\x07</c> (BEL), other C0/C1 controls and DEL as <c>\xHH</c>, and the bidirectional
    /// overrides that reorder what a terminal shows as <c>\uHHHH</c>. Nothing else changes (a backslash stays as it is).
    /// </summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var first = text.AsSpan().IndexOfAnyInRange('\0', '\x1F');
        if (first < 0 && !text.Any(NeedsEscape))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                default:
                    if (c < ' ' || (c >= '\x7F' && c <= '\x9F'))
                    {
                        builder.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}");
                    }
                    else if (IsBidiControl(c))
                    {
                        builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.ToString();
    }

    private static bool NeedsEscape(char c) => c is (>= '\x7F' and <= '\x9F') || IsBidiControl(c);

    // LRM, RLM, ALM, the embeddings and overrides (U+202A–U+202E) and the isolates (U+2066–U+2069).
    private static bool IsBidiControl(char c) => c is '\u200E' or '\u200F' or '\u061C' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    private static string FoldWhitespace(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
