namespace AuditBridge.Simulators.Box;

/// <summary>The awkward values hostile events rotate through; each breaks a naive CEF, LEEF, syslog or CSV writer.</summary>
internal static class BoxHostileValues
{
    public const string ForgedCef = "x|CEF:0|Forged|Product|1|forged|Forged|10|src=6.6.6.6 suser=attacker";

    public static readonly (string Name, string Value)[] All =
    [
        ("pipes", "Pipe|Name||with|pipes|"),
        ("equals", "a=b key=value c==d =start end="),
        ("backslashes", @"C:\Users\evil\share\"),
        ("cr", "first line\rsecond line"),
        ("lf", "first line\nsecond line"),
        ("crlf", "first line\r\nsecond line"),
        ("tab", "column one\tcolumn two"),
        ("non-ascii", "Zoé Émilie 日本語 \U0001F600"),
        ("long", LongName()),
        ("forged-cef", ForgedCef),
        ("forged-syslog", "\n<14>1 2024-01-01T00:00:00Z evil - - - CEF:0|Forged|Product|1|forged|Forged|10|src=6.6.6.6 suser=attacker"),
        ("quotes-braces", "\"quoted\" 'single' {\"json\":\"inside\"} }{ ][ <tag>&amp;"),
    ];

    private static string LongName()
    {
        const string Unit = "Very Long File Name ";
        return string.Concat(Enumerable.Repeat(Unit, (5000 / Unit.Length) + 1))[..5000];
    }
}
