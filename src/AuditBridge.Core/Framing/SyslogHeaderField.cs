using System.Text;

namespace AuditBridge.Framing;

/// <summary>Sanitizes configured values into RFC 5424 header fields (PRINTUSASCII, length-limited, <c>-</c> when empty).</summary>
internal static class SyslogHeaderField
{
    public const int MaxHostName = 255;
    public const int MaxAppName = 48;
    public const int MaxProcId = 128;
    public const int MaxMsgId = 32;

    /// <summary>RFC 3164 §4.1.3: the TAG is at most 32 characters.</summary>
    public const int MaxTag = 32;

    public const string NilValue = "-";

    /// <summary>
    /// Replaces every code point outside <c>%d33-126</c> (space, controls, non-ASCII) with <c>_</c>, cuts the result
    /// to <paramref name="maxLength"/>, and returns the NILVALUE <c>-</c> when nothing is left.
    /// </summary>
    /// <remarks>
    /// A space would end the field early and shift every later field (the record would start inside the header),
    /// so replacing is not cosmetic. One <c>_</c> per code point, so an emoji does not turn into two.
    /// </remarks>
    public static string Sanitize(string? value, int maxLength)
    {
        if (string.IsNullOrEmpty(value))
        {
            return NilValue;
        }

        var builder = new StringBuilder(Math.Min(value.Length, maxLength));
        foreach (var rune in value.EnumerateRunes())
        {
            if (builder.Length == maxLength)
            {
                break;
            }

            builder.Append(rune.Value is >= 33 and <= 126 ? (char)rune.Value : '_');
        }

        return builder.ToString();
    }

    /// <summary>
    /// An RFC 3164 TAG from an APP-NAME: also without <c>[</c> and <c>:</c>, which end the TAG in every parser.
    /// Falls back to <paramref name="fallback"/> when the APP-NAME is nil.
    /// </summary>
    public static string SanitizeTag(string? appName, string fallback)
    {
        var sanitized = Sanitize(appName, MaxTag);
        if (sanitized == NilValue)
        {
            sanitized = fallback;
        }

        return sanitized.Replace('[', '_').Replace(':', '_');
    }
}
