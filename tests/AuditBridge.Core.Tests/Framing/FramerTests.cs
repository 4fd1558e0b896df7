using System.Buffers;
using System.Text;
using AuditBridge.Framing;

namespace AuditBridge.Core.Tests.Framing;

public sealed class FramerTests
{
    [Theory]
    [InlineData("", "0 ")]
    [InlineData("a", "1 a")]
    [InlineData("CEF:0|V|P|1|x|y|3|", "18 CEF:0|V|P|1|x|y|3|")]
    [InlineData("é", "2 é")]
    [InlineData("日本語", "9 日本語")]
    [InlineData("🔐", "4 🔐")]
    [InlineData("suser=é 日本語 🔐", "23 suser=é 日本語 🔐")]
    [InlineData("line1\nline2", "11 line1\nline2")]
    public void OctetCounting_ForAnyMessage_PrefixesTheUtf8ByteCount(string message, string expected)
    {
        var framed = Frame(FramingMethod.OctetCounting, message);

        Assert.Equal(expected, framed);
    }

    [Fact]
    public void OctetCounting_ForLongMessage_WritesAllDigitsWithoutLeadingZeros()
    {
        var message = new string('x', 123_456);

        var framed = Frame(FramingMethod.OctetCounting, message);

        Assert.StartsWith("123456 xxx", framed, StringComparison.Ordinal);
        Assert.Equal(7 + 123_456, Encoding.UTF8.GetByteCount(framed));
    }

    [Fact]
    public void OctetCounting_ForConsecutiveMessages_AppendsFrames()
    {
        var output = new ArrayBufferWriter<byte>();
        var framer = Framers.For(FramingMethod.OctetCounting);

        framer.Frame("é"u8, output);
        framer.Frame("ab"u8, output);

        Assert.Equal("2 é2 ab", Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Theory]
    [InlineData("", "\n")]
    [InlineData("CEF:0|V|P|1|x|y|3|", "CEF:0|V|P|1|x|y|3|\n")]
    [InlineData("日本語 🔐", "日本語 🔐\n")]
    [InlineData("carriage\rreturn", "carriage\rreturn\n")]
    public void Newline_ForMessageWithoutLineFeed_AppendsLineFeed(string message, string expected)
    {
        var framed = Frame(FramingMethod.Newline, message);

        Assert.Equal(expected, framed);
    }

    [Theory]
    [InlineData("line1\nline2", "line1 line2\n")]
    [InlineData("\n", " \n")]
    [InlineData("a\r\nb\n", "a\r b \n")]
    public void Newline_WhenMessageHasRawLineFeed_ReplacesItWithSpaceSoTheRecordIsNotSplit(string message, string expected)
    {
        var framed = Frame(FramingMethod.Newline, message);

        Assert.Equal(expected, framed);
        Assert.Equal(1, framed.Count(c => c == '\n'));
    }

    [Theory]
    [InlineData("a,b", "a,b\r\n")]
    [InlineData("\"multi\nline\",x", "\"multi\nline\",x\r\n")]
    public void CrLf_ForAnyMessage_AppendsCrLfAndKeepsTheMessage(string message, string expected)
    {
        var framed = Frame(FramingMethod.CrLf, message);

        Assert.Equal(expected, framed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<166>1 - - - - - - x\n")]
    public void None_ForAnyMessage_WritesItUnchanged(string message)
    {
        var framed = Frame(FramingMethod.None, message);

        Assert.Equal(message, framed);
    }

    [Fact]
    public void For_WhenMethodIsUndefined_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Framers.For((FramingMethod)42));
    }

    private static string Frame(FramingMethod method, string message)
    {
        var output = new ArrayBufferWriter<byte>();
        Framers.For(method).Frame(Encoding.UTF8.GetBytes(message), output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }
}
