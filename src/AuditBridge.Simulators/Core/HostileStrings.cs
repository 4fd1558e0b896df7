namespace AuditBridge.Simulators.Core;

/// <summary>
/// The awkward values hostile events rotate through; each breaks a naive CEF, LEEF, syslog or CSV writer. Every vendor's
/// dataset places them in its own members, in this order, and may add its own at the end.
/// </summary>
internal static class HostileStrings
{
    public const string ForgedCef = "x|CEF:0|Forged|Product|1|forged|Forged|10|src=6.6.6.6 suser=attacker";

    public const string ForgedSyslog = "\n<14>1 2024-01-01T00:00:00Z evil - - - CEF:0|Forged|Product|1|forged|Forged|10|src=6.6.6.6 suser=attacker";

    /// <summary>
    /// The rotation as (name, value) pairs; <paramref name="longUnit"/> is repeated into the 5,000-character value, so it
    /// reads like the member it lands in (a display name, a file name).
    /// </summary>
    public static (string Name, string Value)[] Rotation(string longUnit) =>
    [
        ("pipes", "Pipe|Name||with|pipes|"),
        ("equals", "a=b key=value c==d =start end="),
        ("backslashes", @"C:\Users\evil\share\"),
        ("cr", "first line\rsecond line"),
        ("lf", "first line\nsecond line"),
        ("crlf", "first line\r\nsecond line"),
        ("tab", "column one\tcolumn two"),
        ("non-ascii", "Zoé Émilie 日本語 \U0001F600"),
        ("long", string.Concat(Enumerable.Repeat(longUnit, (5000 / longUnit.Length) + 1))[..5000]),
        ("forged-cef", ForgedCef),
        ("forged-syslog", ForgedSyslog),
        ("quotes-braces", "\"quoted\" 'single' {\"json\":\"inside\"} }{ ][ <tag>&amp;"),
    ];
}
