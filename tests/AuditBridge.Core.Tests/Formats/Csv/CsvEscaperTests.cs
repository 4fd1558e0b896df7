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
        { " =1", " =1" },
        { "\n=1", "\"\n=1\"" },
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

    [Fact]
    public void Escape_WithoutGuard_LeavesFormulasAlone()
    {
        var cell = CsvEscaper.Escape("=1+1", guard: false);

        Assert.Equal("=1+1", cell);
    }
}
