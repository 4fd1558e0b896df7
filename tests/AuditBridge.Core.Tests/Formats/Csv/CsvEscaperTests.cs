using System.Text;
using AuditBridge.Formats.Csv;

namespace AuditBridge.Core.Tests.Formats.Csv;

public sealed class CsvEscaperTests
{
    public static TheoryData<string, string> CellRows => new()
    {
        { "plain", "plain" },
        { "", "" },
        { "a,b", "\"a,b\"" },
        { "say \"hi\"", "\"say \"\"hi\"\"\"" },
        { "line\nbreak", "\"line\nbreak\"" },
        { "cr\rhere", "\"cr\rhere\"" },
        { "tab\tinside", "tab\tinside" },
        { "'already quoted", "'already quoted" },
        { "é 日本 🔐", "é 日本 🔐" },
        { " spaces ", " spaces " },
        { "vt\u000bhere", "\"vt\u000bhere\"" },
        { "ff\u000chere", "\"ff\u000chere\"" },
        { "nel\u0085here", "\"nel\u0085here\"" },
        { "line\u2028separator", "\"line\u2028separator\"" },
        { "paragraph\u2029separator", "\"paragraph\u2029separator\"" },
        { "c1\u0080\u009f and \u2027 \u202a stay", "c1\u0080\u009f and \u2027 \u202a stay" },
        { "a-b", "a-b" },
        { "x@y.example", "x@y.example" },
        { "１２３", "１２３" },
    };

    public static TheoryData<string, string> GuardRows => new()
    {
        { "=1+1", "'=1+1" },
        { "+1", "'+1" },
        { "-1", "'-1" },
        { "@SUM(A1)", "'@SUM(A1)" },
        { "\tcmd", "'\tcmd" },
        { "\rcmd", "\"'\rcmd\"" },
        { "=HYPERLINK(\"http://x\",\"a,b\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"a,b\"\")\"" },
        { "a=1", "a=1" },
        { " =1", "' =1" },
        { "\n=1", "\"'\n=1\"" },
        { "\0=1", "'\0=1" },
        { "\0", "'\0" },
        { "\0plain", "'\0plain" },
        { "\ufeff=cmd|' /C calc'!A0", "'\ufeff=cmd|' /C calc'!A0" },
        { "\u3000=1+1", "'\u3000=1+1" },
        { "\u3000\u3000 \u00a0@SUM(A1)", "'\u3000\u3000 \u00a0@SUM(A1)" },
        { "\u200b\u200e\u202e\u2060\u00ad+1", "'\u200b\u200e\u202e\u2060\u00ad+1" },
        { "\u2028-1", "\"'\u2028-1\"" },
        { "\u0085=1", "\"'\u0085=1\"" },
        { "\u001f\u007f=1", "'\u001f\u007f=1" },
        { "＝HYPERLINK(\"http://x\")", "\"'＝HYPERLINK(\"\"http://x\"\")\"" },
        { "＋1", "'＋1" },
        { "－1", "'－1" },
        { "＠SUM(A1)", "'＠SUM(A1)" },
        { "\u3000＝1", "'\u3000＝1" },
        { "﹦1", "'﹦1" },
        { "﹢1", "'﹢1" },
        { "﹣1", "'﹣1" },
        { "﹫x", "'﹫x" },
        { "\u3000text", "\u3000text" },
        { " x=1", " x=1" },
        { "\ufeffplain", "\ufeffplain" },
        { "   ", "   " },
    };

    [Theory]
    [MemberData(nameof(CellRows))]
    public void Escape_Row_QuotesOnlyWhatRfc4180Requires(string value, string expected)
    {
        var cell = CsvEscaper.Escape(value, guard: true);

        Assert.Equal(expected, cell);
    }

    [Theory]
    [MemberData(nameof(GuardRows))]
    public void Escape_FormulaStart_IsPrefixedWithAQuote(string value, string expected)
    {
        var cell = CsvEscaper.Escape(value, guard: true);

        Assert.Equal(expected, cell);
    }

    [Theory]
    [MemberData(nameof(GuardRows))]
    public void WriteCell_FromUtf8_GuardsAndQuotesAsTheUtf16Path(string value, string expected)
    {
        var utf8 = Encoding.UTF8.GetBytes(value);
        var buffer = new byte[(utf8.Length * 2) + CsvEscaper.ExtraBytes];

        var written = CsvEscaper.WriteCell(utf8, guard: true, buffer);

        Assert.Equal(expected, Encoding.UTF8.GetString(buffer, 0, written));
    }

    [Theory]
    [MemberData(nameof(CellRows))]
    public void WriteCell_FromUtf8_QuotesAsTheUtf16Path(string value, string expected)
    {
        var utf8 = Encoding.UTF8.GetBytes(value);
        var buffer = new byte[(utf8.Length * 2) + CsvEscaper.ExtraBytes];

        var written = CsvEscaper.WriteCell(utf8, guard: true, buffer);

        Assert.Equal(expected, Encoding.UTF8.GetString(buffer, 0, written));
    }

    [Fact]
    public void Escape_WithoutGuard_LeavesFormulasAlone()
    {
        var cell = CsvEscaper.Escape("=1+1", guard: false);

        Assert.Equal("=1+1", cell);
    }
}
