using System.Text;
using AuditBridge.Formats.Cef;

namespace AuditBridge.Core.Tests.Formats.Cef;

/// <summary>Each rule of shared/reference/cef-syslog.md §0.2/§0.3/§6.1 as a table row.</summary>
public sealed class CefEscaperTests
{
    public static TheoryData<string, string> HeaderRows => new()
    {
        { "plain text", "plain text" },
        { @"back\slash", @"back\\slash" },
        { "pipe|here", @"pipe\|here" },
        { "equals=not escaped", "equals=not escaped" },
        { "line\nfeed", "line feed" },
        { "carriage\rreturn", "carriage return" },
        { "crlf\r\nend", "crlf  end" },
        { "tab\there", "tab here" },
        { "nul\0bell\a esc\u001b unit\u001f", "nul bell  esc  unit " },
        { "del\u007f and c1\u0085 stay", "del\u007f and c1\u0085 stay" },
        { "  spaces kept  ", "  spaces kept  " },
        { @"\|", @"\\\|" },
        { "é 日本 🔐", "é 日本 🔐" },
        { string.Empty, string.Empty },
    };

    public static TheoryData<string, string> ExtensionRows => new()
    {
        { "plain text", "plain text" },
        { @"back\slash", @"back\\slash" },
        { "a=b", @"a\=b" },
        { "line\nfeed", @"line\nfeed" },
        { "carriage\rreturn", @"carriage\rreturn" },
        { "crlf\r\nend", @"crlf\r\nend" },
        { "pipe|not escaped", "pipe|not escaped" },
        { "tab\there", "tab here" },
        { "nul\0vt\u000bff\u000c", "nul vt ff " },
        { @"\=", @"\\\=" },
        { @"\n literal", @"\\n literal" },
        { @"trailing\", @"trailing\\" },
        { "é 日本 🔐", "é 日本 🔐" },
        { "{\"a\":\"x\\ny\"}", "{\"a\":\"x\\\\ny\"}" },
    };

    [Theory]
    [MemberData(nameof(HeaderRows))]
    public void EscapeHeader_Row_WritesExpected(string value, string expected)
    {
        var escaped = CefEscaper.EscapeHeader(value);

        Assert.Equal(expected, escaped);
    }

    [Theory]
    [MemberData(nameof(ExtensionRows))]
    public void EscapeExtension_Row_WritesExpected(string value, string expected)
    {
        var escaped = CefEscaper.EscapeExtension(value);

        Assert.Equal(expected, escaped);
    }

    [Theory]
    [MemberData(nameof(ExtensionRows))]
    public void WriteExtension_FromUtf8_MatchesTheUtf16Path(string value, string expected)
    {
        // Encoding.UTF8 turns a lone surrogate into U+FFFD, as the UTF-16 path does.
        var utf8 = Encoding.UTF8.GetBytes(value);
        var buffer = new byte[utf8.Length * CefEscaper.MaxBytesPerByte];

        var written = CefEscaper.WriteExtension(utf8, buffer);

        Assert.Equal(expected, Encoding.UTF8.GetString(buffer, 0, written));
    }

    [Theory]
    [InlineData("value", 5)]
    [InlineData("value   ", 5)]
    [InlineData("value\t \u0001", 5)]
    [InlineData("value\n", 6)]
    [InlineData("value\r", 6)]
    [InlineData("   ", 0)]
    [InlineData("\t", 0)]
    [InlineData("", 0)]
    [InlineData("  lead", 6)]
    public void TrimmedLength_Row_DropsTrailingCharactersWrittenAsSpaces(string value, int expected)
    {
        var length = CefEscaper.TrimmedLength(value);
        var utf8Length = CefEscaper.TrimmedLength(Encoding.UTF8.GetBytes(value));

        Assert.Equal(expected, length);
        Assert.Equal(expected, utf8Length);
    }

    [Theory]
    [InlineData("abcdef", 4, false, 4, 4)]
    [InlineData("a=b=c", 4, false, 3, 4)]
    [InlineData("a=b=c", 4, true, 4, 4)]
    [InlineData("a|b|c", 4, true, 3, 4)]
    [InlineData("ééé", 5, false, 2, 4)]
    [InlineData("日本語", 8, false, 2, 6)]
    [InlineData("a🔐b", 4, false, 1, 1)]
    [InlineData("a🔐b", 5, false, 3, 5)]
    [InlineData("\\\\\\", 5, false, 2, 4)]
    [InlineData("line\nx", 5, false, 4, 4)]
    [InlineData("abc", 100, false, 3, 3)]
    public void PrefixWithin_Row_KeepsWholeCharactersWithinTheByteBudget(string value, int maxBytes, bool header, int expectedChars, int expectedBytes)
    {
        var chars = CefEscaper.PrefixWithin(value, maxBytes, header, out var bytes);

        Assert.Equal(expectedChars, chars);
        Assert.Equal(expectedBytes, bytes);
        var escaped = header ? CefEscaper.EscapeHeader(value[..chars]) : CefEscaper.EscapeExtension(value[..chars]);
        Assert.Equal(bytes, Encoding.UTF8.GetByteCount(escaped));
    }

    [Fact]
    public void Escape_LoneSurrogates_BecomeTheReplacementCharacter()
    {
        // Built in code: theory data is serialized as UTF-8, which would replace the lone surrogates before the test.
        var value = "high " + '\ud800' + " low " + '\udc00' + " pair 😀";

        var header = CefEscaper.EscapeHeader(value);
        var extension = CefEscaper.EscapeExtension(value);

        Assert.Equal("high \ufffd low \ufffd pair 😀", header);
        Assert.Equal("high \ufffd low \ufffd pair 😀", extension);
    }

    [Fact]
    public void EscapeExtension_EveryControlCharacter_LeavesNoRawControlCharacter()
    {
        var all = new string([.. Enumerable.Range(0, 0x20).Select(i => (char)i)]);

        var escaped = CefEscaper.EscapeExtension(all);

        Assert.DoesNotContain(escaped, c => c < 0x20);
        Assert.Equal(new string(' ', 10) + @"\n" + "  " + @"\r" + new string(' ', 18), escaped);
    }
}
