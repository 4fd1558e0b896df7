using System.Text;
using AuditBridge.Formats.Cef;
using AuditBridge.Formats.KeyValue;

namespace AuditBridge.Core.Tests.Formats.Cef;

/// <summary>Each rule of shared/reference/cef-syslog.md §0.2/§0.3/§6.1 as a table row.</summary>
public sealed class CefEscapingTests
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
        { "del\u007f and c1\u0080\u009f stay", "del\u007f and c1\u0080\u009f stay" },
        { "nel\u0085ls\u2028ps\u2029end", "nel ls ps end" },
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

    /// <summary>Text only: section JSON takes them as JSON escapes before it reaches the UTF-8 path (<see cref="KeyValueDialect{TKey}.PrepareJson"/>).</summary>
    public static TheoryData<string, string> UnicodeLineBreakRows => new()
    {
        { "nel\u0085here", @"nel\nhere" },
        { "line\u2028separator", @"line\nseparator" },
        { "paragraph\u2029separator", @"paragraph\nseparator" },
        { "\u2028=forged", @"\n\=forged" },
        { "c1\u0080\u009f stay", "c1\u0080\u009f stay" },
    };

    [Theory]
    [MemberData(nameof(HeaderRows))]
    public void EscapeHeader_Row_WritesExpected(string value, string expected)
    {
        var escaped = CefDialect.Header.Escape(value);

        Assert.Equal(expected, escaped);
    }

    [Theory]
    [MemberData(nameof(ExtensionRows))]
    public void EscapeExtension_Row_WritesExpected(string value, string expected)
    {
        var escaped = CefDialect.Extension.Escape(value);

        Assert.Equal(expected, escaped);
    }

    [Theory]
    [MemberData(nameof(UnicodeLineBreakRows))]
    public void EscapeExtension_UnicodeLineBreak_IsWrittenAsTheNewlineEscape(string value, string expected)
    {
        var escaped = CefDialect.Extension.Escape(value);

        Assert.Equal(expected, escaped);
    }

    [Theory]
    [InlineData("{\"a\":\"x\u2028y\"}", @"{""a"":""x\\u2028y""}")]
    [InlineData("{\"a\":\"x\u2029y\u0085z\"}", @"{""a"":""x\\u2029y\\u0085z""}")]
    [InlineData("[\"\u2028\u2028\",\"=\"]", @"[""\\u2028\\u2028"",""\=""]")]
    public void WriteExtension_PreparedJsonWithUnicodeLineBreaks_WritesThemAsJsonEscapesThatUnescapeToTheSameJson(string json, string expected)
    {
        var prepared = CefDialect.Value.PrepareJson(Encoding.UTF8.GetBytes(json));
        var buffer = new byte[prepared.Length * CefDialect.Extension.MaxBytesPerByte];

        var written = CefDialect.Extension.Write(prepared.Span, buffer);

        var wire = Encoding.UTF8.GetString(buffer, 0, written);
        Assert.Equal(expected, wire);
        using var before = System.Text.Json.JsonDocument.Parse(json);
        using var after = System.Text.Json.JsonDocument.Parse(wire.Replace(@"\\", @"\", StringComparison.Ordinal).Replace(@"\=", "=", StringComparison.Ordinal));
        Assert.True(System.Text.Json.JsonElement.DeepEquals(before.RootElement, after.RootElement));
    }

    [Fact]
    public void PrepareJson_WithoutUnicodeLineBreaks_ReturnsTheSameMemory()
    {
        var json = Encoding.UTF8.GetBytes("{\"a\":\"é 日本 \u2027 \u202a \u0084\"}").AsMemory();

        var prepared = CefDialect.Value.PrepareJson(json);

        Assert.True(prepared.Span == json.Span);
    }

    [Theory]
    [MemberData(nameof(ExtensionRows))]
    public void WriteExtension_FromUtf8_MatchesTheUtf16Path(string value, string expected)
    {
        // Encoding.UTF8 turns a lone surrogate into U+FFFD, as the UTF-16 path does.
        var utf8 = Encoding.UTF8.GetBytes(value);
        var buffer = new byte[utf8.Length * CefDialect.Extension.MaxBytesPerByte];

        var written = CefDialect.Extension.Write(utf8, buffer);

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
        var length = CefDialect.Extension.TrimmedLength(value);
        var utf8Length = CefDialect.Extension.TrimmedLength(Encoding.UTF8.GetBytes(value));

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
    [InlineData("a\u2028b", 3, false, 2, 3)]
    [InlineData("a\u2028b", 4, false, 3, 4)]
    [InlineData("a\u2029b\u0085", 5, false, 3, 4)]
    [InlineData("a\u2028b\u0085", 3, true, 3, 3)]
    [InlineData("a\u0085b", 2, true, 2, 2)]
    [InlineData("abc", 100, false, 3, 3)]
    public void PrefixWithin_Row_KeepsWholeCharactersWithinTheByteBudget(string value, int maxBytes, bool header, int expectedChars, int expectedBytes)
    {
        var chars = (header ? CefDialect.Header : CefDialect.Extension).PrefixWithin(value, maxBytes, out var bytes);

        Assert.Equal(expectedChars, chars);
        Assert.Equal(expectedBytes, bytes);
        var escaped = header ? CefDialect.Header.Escape(value[..chars]) : CefDialect.Extension.Escape(value[..chars]);
        Assert.Equal(bytes, Encoding.UTF8.GetByteCount(escaped));
    }

    [Fact]
    public void Escape_LoneSurrogates_BecomeTheReplacementCharacter()
    {
        // Built in code: theory data is serialized as UTF-8, which would replace the lone surrogates before the test.
        var value = "high " + '\ud800' + " low " + '\udc00' + " pair 😀";

        var header = CefDialect.Header.Escape(value);
        var extension = CefDialect.Extension.Escape(value);

        Assert.Equal("high \ufffd low \ufffd pair 😀", header);
        Assert.Equal("high \ufffd low \ufffd pair 😀", extension);
    }

    [Fact]
    public void EscapeExtension_EveryControlCharacter_LeavesNoRawControlCharacter()
    {
        var all = new string([.. Enumerable.Range(0, 0x20).Select(i => (char)i)]);

        var escaped = CefDialect.Extension.Escape(all);

        Assert.DoesNotContain(escaped, c => c < 0x20);
        Assert.Equal(new string(' ', 10) + @"\n" + "  " + @"\r" + new string(' ', 18), escaped);
    }
}
