namespace AuditBridge.Simulators.Dropbox;

/// <summary>The awkward values hostile events rotate through; each breaks a naive CEF, LEEF, syslog or CSV writer.</summary>
internal static class HostileValues
{
    public const string ForgedCef = "x|CEF:0|Forged|Product|1|forged|Forged|10|src=6.6.6.6 suser=attacker";

    public const string ForgedSyslog = "\n<14>1 2024-01-01T00:00:00Z evil - - - CEF:0|Forged|Product|1|forged|Forged|10|src=6.6.6.6 suser=attacker";

    public static readonly HostileValue[] All =
    [
        new("pipes", "Pipe|Name||with|pipes|"),
        new("equals", "a=b key=value c==d =start end="),
        new("backslashes", @"C:\Users\evil\share\"),
        new("cr", "first line\rsecond line"),
        new("lf", "first line\nsecond line"),
        new("crlf", "first line\r\nsecond line"),
        new("tab", "column one\tcolumn two"),
        new("non-ascii", "Zoé Émilie 日本語 \U0001F600"),
        new("long", LongName()),
        new("forged-cef", ForgedCef),
        new("forged-syslog", ForgedSyslog),
        new("quotes-braces", "\"quoted\" 'single' {\"json\":\"inside\"} }{ ][ <tag>&amp;"),

        // Sent as "\ud800": valid JSON syntax, but no text (reading it as a string throws). Python APIs emit these.
        new("lone-surrogate", "lone \uD800 surrogate"),
    ];

    private static string LongName()
    {
        const string Unit = "Very Long Display Name ";
        var text = string.Concat(Enumerable.Repeat(Unit, (5000 / Unit.Length) + 1));
        return text[..5000];
    }
}
