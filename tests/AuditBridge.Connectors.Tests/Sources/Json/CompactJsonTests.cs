using System.Text;
using AuditBridge.Sources.Json;

namespace AuditBridge.Connectors.Tests.Sources.Json;

/// <summary>
/// Whether a JSON fragment can be used as written (no whitespace outside its strings): fixed cases, and the vectorized
/// search against a byte-by-byte reference over many generated fragments.
/// </summary>
public sealed class CompactJsonTests
{
    [Theory]
    [InlineData("""{"a":1,"b":[true,null,"x"]}""", true)]
    [InlineData("""{"a": 1}""", false)]
    [InlineData("""{"a":1}""" + "\n", false)]
    [InlineData("[1,\t2]", false)]
    [InlineData("""{"text":"spaces and\ttabs inside a string"}""", true)]
    [InlineData("""{"q":"an escaped \" quote, then spaces"}""", true)]
    [InlineData("""{"q":"a backslash at the end \\"} """, false)]
    [InlineData("""{"q":"a backslash at the end \\"}""", true)]
    [InlineData("""["\\\" ",1]""", true)]
    [InlineData("\"\"", true)]
    [InlineData("42", true)]
    [InlineData("", true)]
    public void IsCompact_Case_AnswersWhetherThereIsWhitespaceOutsideStrings(string json, bool expected) =>
        Assert.Equal(expected, CompactJson.IsCompact(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void IsCompact_GeneratedFragments_AgreesWithAByteByByteScan()
    {
        // Few distinct bytes, so quotes, escapes and whitespace meet in every arrangement, long runs included.
        var alphabet = "\"\\ \t\r\nab{}[]:,1é"u8.ToArray();
        var random = new Random(7);
        for (var round = 0; round < 20_000; round++)
        {
            var fragment = new byte[random.Next(0, 80)];
            for (var i = 0; i < fragment.Length; i++)
            {
                fragment[i] = random.Next(4) == 0 ? alphabet[random.Next(alphabet.Length)] : (byte)'x';
            }

            Assert.True(Reference(fragment) == CompactJson.IsCompact(fragment), Encoding.UTF8.GetString(fragment));
        }
    }

    [Theory]
    [InlineData("{ \"a\" : [ 1 , \"x \\\" y\" ] ,\n \"b\":\"\\ud800 z\" }", "{\"a\":[1,\"x \\\" y\"],\"b\":\"\\ud800 z\"}")]
    [InlineData("[ ]", "[]")]
    [InlineData("\"  \"", "\"  \"")]
    public void WithoutWhitespace_Case_DropsOnlyWhitespaceBetweenTokens(string json, string expected) =>
        Assert.Equal(expected, Encoding.UTF8.GetString(CompactJson.WithoutWhitespace(Encoding.UTF8.GetBytes(json))));

    [Fact]
    public void From_ValueWithoutText_IsTheVendorBytesWithoutWhitespace()
    {
        using var document = System.Text.Json.JsonDocument.Parse("{ \"a\": \"\\u00e9\", \"b\": [\"\\ud800\"] }");

        var compact = CompactJson.From(document.RootElement);

        Assert.Equal("{\"a\":\"\\u00e9\",\"b\":[\"\\ud800\"]}", Encoding.UTF8.GetString(compact));
    }

    private static bool Reference(ReadOnlySpan<byte> json)
    {
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var b = json[i];
            if (inString)
            {
                if (b == (byte)'\\')
                {
                    i++;
                }
                else if (b == (byte)'"')
                {
                    inString = false;
                }
            }
            else if (b == (byte)'"')
            {
                inString = true;
            }
            else if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                return false;
            }
        }

        return true;
    }
}
