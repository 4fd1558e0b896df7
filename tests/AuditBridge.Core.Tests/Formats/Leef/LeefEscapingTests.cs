using System.Text;
using System.Text.Json;
using AuditBridge.Formats.Leef;

namespace AuditBridge.Core.Tests.Formats.Leef;

/// <summary>Each sanitizing rule of docs/formats/leef.md as a table row.</summary>
public sealed class LeefEscapingTests
{
    private static readonly LeefDelimiter Caret = LeefDelimiter.Parse("^", "delimiter");
    private static readonly LeefDelimiter Tab = LeefDelimiter.Parse("x09", "delimiter");

    public static TheoryData<string, string> HeaderRows => new()
    {
        { "plain text", "plain text" },
        { "pipe|here", "pipe｜here" },
        { @"back\slash", "back＼slash" },
        { @"trailing\", "trailing＼" },
        { @"\|", "＼｜" },
        { "caret^kept", "caret^kept" },
        { "equals=kept", "equals=kept" },
        { "line\nfeed", "line feed" },
        { "carriage\rreturn", "carriage return" },
        { "crlf\r\nend", "crlf  end" },
        { "tab\there", "tab here" },
        { "nul\0bell\a esc\u001b unit\u001f", "nul bell  esc  unit " },
        { "del\u007f and c1\u0080\u009f stay", "del\u007f and c1\u0080\u009f stay" },
        { "nel\u0085ls\u2028ps\u2029end", "nel ls ps end" },
        { "  spaces kept  ", "  spaces kept  " },
        { "é 日本 🔐", "é 日本 🔐" },
        { string.Empty, string.Empty },
    };

    public static TheoryData<string, string> CaretValueRows => new()
    {
        { "plain text", "plain text" },
        { "caret^here", "caret＾here" },
        { "^^", "＾＾" },
        { "pipe|kept", "pipe|kept" },
        { "a=b=c", "a=b=c" },
        { @"C:\Users\x\", @"C:\Users\x\" },
        { "line\nfeed", "line feed" },
        { "crlf\r\nend", "crlf  end" },
        { "tab\there", "tab here" },
        { "nul\0vt\u000bff\u000c", "nul vt ff " },
        { "nel\u0085ls\u2028ps\u2029end", "nel ls ps end" },
        { "\u2028sev=10", " sev=10" },
        { "c1\u0080\u009f stay", "c1\u0080\u009f stay" },
        { "  spaces kept  ", "  spaces kept  " },
        { "é 日本 🔐", "é 日本 🔐" },
        { "fullwidth＾stays", "fullwidth＾stays" },
    };

    public static TheoryData<string, string> TabValueRows => new()
    {
        { "tab\there", "tab here" },
        { "caret^kept", "caret^kept" },
        { "line\r\nbreak", "line  break" },
        { "pipe|kept", "pipe|kept" },
        { "nel\u0085ls\u2028ps\u2029end", "nel ls ps end" },
    };

    public static TheoryData<string, string> CaretJsonRows => new()
    {
        { """{"a":"x^y"}""", """{"a":"x\u005ey"}""" },
        { """{"a^b":1}""", """{"a\u005eb":1}""" },
        { """{"a":"\\^"}""", """{"a":"\\\u005e"}""" },
        { "{\"a\":\n\t1}", """{"a":  1}""" },
        { """{"a":"tab\tescaped"}""", """{"a":"tab\tescaped"}""" },
        { """{"a":"no specials | = \\"}""", """{"a":"no specials | = \\"}""" },
        { "{\"a\":\"x\u2028y\u2029z\u0085^\"}", """{"a":"x\u2028y\u2029z\u0085\u005e"}""" },
    };

    public static TheoryData<string, string> TabJsonRows => new()
    {
        { "{\"a\":\t1}", """{"a": 1}""" },
        { """{"a":"x^y"}""", """{"a":"x^y"}""" },
        { "{\"a\":\"x\u2028y\"}", """{"a":"x\u2028y"}""" },
    };

    public static TheoryData<string, char, string> DelimiterRows => new()
    {
        { "^", '^', "^" },
        { "x5E", '^', "^" },
        { "0x5e", '^', "^" },
        { "X5e", '^', "^" },
        { "x09", '\t', "x09" },
        { "0x9", '\t', "x09" },
        { "\t", '\t', "x09" },
        { "x0009", '\t', "x09" },
        { "~", '~', "~" },
        { "#", '#', "#" },
        { "@", '@', "@" },
    };

    [Theory]
    [MemberData(nameof(HeaderRows))]
    public void SanitizeHeader_Row_WritesExpected(string value, string expected)
    {
        var sanitized = LeefDialect.Header.Escape(value);

        Assert.Equal(expected, sanitized);
    }

    [Theory]
    [MemberData(nameof(CaretValueRows))]
    public void SanitizeValue_WithCaretDelimiter_WritesExpected(string value, string expected)
    {
        var sanitized = Caret.Values.Escape(value);

        Assert.Equal(expected, sanitized);
    }

    [Theory]
    [MemberData(nameof(TabValueRows))]
    public void SanitizeValue_WithTabDelimiter_WritesExpected(string value, string expected)
    {
        var sanitized = Tab.Values.Escape(value);

        Assert.Equal(expected, sanitized);
    }

    [Theory]
    [MemberData(nameof(CaretJsonRows))]
    public void PrepareJson_WithCaretDelimiter_WritesExpectedAndKeepsTheJsonValue(string json, string expected)
    {
        var prepared = LeefDialect.For(Caret).PrepareJson(Encoding.UTF8.GetBytes(json));

        Assert.Equal(expected, Encoding.UTF8.GetString(prepared.Span));
        Assert.DoesNotContain((byte)'^', prepared.ToArray());
        using var before = JsonDocument.Parse(json);
        using var after = JsonDocument.Parse(prepared);
        Assert.True(JsonElement.DeepEquals(before.RootElement, after.RootElement));
    }

    [Theory]
    [MemberData(nameof(TabJsonRows))]
    public void PrepareJson_WithTabDelimiter_WritesExpected(string json, string expected)
    {
        var prepared = LeefDialect.For(Tab).PrepareJson(Encoding.UTF8.GetBytes(json));

        Assert.Equal(expected, Encoding.UTF8.GetString(prepared.Span));
    }

    [Fact]
    public void PrepareJson_WithoutSpecials_ReturnsTheSameMemory()
    {
        var json = Encoding.UTF8.GetBytes("""{"a":"plain"}""").AsMemory();

        var prepared = LeefDialect.For(Caret).PrepareJson(json);

        Assert.True(prepared.Span == json.Span);
    }

    [Theory]
    [InlineData("abcdef", 4, 4, 4)]
    [InlineData("a^b", 3, 1, 1)]
    [InlineData("a^b", 4, 2, 4)]
    [InlineData("ééé", 5, 2, 4)]
    [InlineData("日本語", 8, 2, 6)]
    [InlineData("a🔐b", 4, 1, 1)]
    [InlineData("a🔐b", 5, 3, 5)]
    [InlineData("line\nx", 5, 5, 5)]
    [InlineData("a\u2028b\u0085c", 4, 4, 4)]
    [InlineData("abc", 100, 3, 3)]
    public void PrefixWithin_Row_KeepsWholeCharactersWithinTheByteBudget(string value, int maxBytes, int expectedChars, int expectedBytes)
    {
        var chars = Caret.Values.PrefixWithin(value, maxBytes, out var bytes);

        Assert.Equal(expectedChars, chars);
        Assert.Equal(expectedBytes, bytes);
        Assert.Equal(bytes, Encoding.UTF8.GetByteCount(Caret.Values.Escape(value[..chars])));
    }

    [Fact]
    public void Sanitize_LoneSurrogates_BecomeTheReplacementCharacter()
    {
        // Built in code: theory data is serialized as UTF-8, which would replace the lone surrogates before the test.
        var value = "a\uD83Db\uDD10c";

        Assert.Equal("a\uFFFDb\uFFFDc", Caret.Values.Escape(value));
        Assert.Equal("a\uFFFDb\uFFFDc", LeefDialect.Header.Escape(value));
    }

    [Theory]
    [MemberData(nameof(DelimiterRows))]
    public void Parse_AllowedDelimiter_ReadsTheCharacterAndItsHeaderForm(string option, char expected, string expectedHeader)
    {
        var delimiter = LeefDelimiter.Parse(option, "delimiter");

        Assert.Equal(expected, delimiter.Value);
        Assert.Equal(expectedHeader, Encoding.ASCII.GetString(delimiter.Header));
    }

    [Theory]
    [InlineData("")]
    [InlineData("ab")]
    [InlineData("x")]
    [InlineData("=")]
    [InlineData("|")]
    [InlineData("x7C")]
    [InlineData("\\")]
    [InlineData("/")]
    [InlineData("\"")]
    [InlineData(",")]
    [InlineData(":")]
    [InlineData("{")]
    [InlineData("_")]
    [InlineData("-")]
    [InlineData(" ")]
    [InlineData("a")]
    [InlineData("7")]
    [InlineData("x0A")]
    [InlineData("x0D")]
    [InlineData("x00")]
    [InlineData("xZZ")]
    [InlineData("x12345")]
    [InlineData("0x")]
    [InlineData("¦")]
    public void Parse_OtherDelimiter_ThrowsNamingTheAllowedOnes(string option)
    {
        var exception = Assert.Throws<ArgumentException>(() => LeefDelimiter.Parse(option, "delimiter"));

        Assert.Contains("x09", exception.Message, StringComparison.Ordinal);
        Assert.Equal("delimiter", exception.ParamName);
    }

    [Theory]
    [InlineData('!', "！")]
    [InlineData('^', "＾")]
    [InlineData('~', "～")]
    [InlineData('|', "｜")]
    [InlineData('\\', "＼")]
    public void FullwidthUtf8_OfAscii_IsTheFullwidthForm(char ascii, string expected)
    {
        var bytes = LeefDelimiter.FullwidthUtf8(ascii);

        Assert.Equal(expected, Encoding.UTF8.GetString(bytes));
    }
}
