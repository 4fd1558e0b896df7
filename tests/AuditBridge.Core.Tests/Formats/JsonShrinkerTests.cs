using System.Text;
using System.Text.Json;
using AuditBridge.Formats;

namespace AuditBridge.Core.Tests.Formats;

public sealed class JsonShrinkerTests
{
    private const string Marker = "…[truncated]";

    [Fact]
    public void TryShrink_WhenItFits_ReturnsTheSameBytes()
    {
        var json = Bytes("""{"a":"b"}""");

        var fits = JsonShrinker.TryShrink(json, 9, JsonMeasure.Utf8Bytes, out var result);

        Assert.True(fits);
        Assert.True(result.Equals(json));
    }

    [Fact]
    public void TryShrink_LongAndShortStrings_ShortensOnlyTheLongestFirst()
    {
        var json = """{"short":"keep me","long":"%","other":"also kept"}""".Replace("%", new string('L', 200), StringComparison.Ordinal);

        JsonShrinker.TryShrink(Bytes(json), json.Length - 100, JsonMeasure.Utf8Bytes, out var result);

        using var document = JsonDocument.Parse(result);
        Assert.Equal("keep me", document.RootElement.GetProperty("short").GetString());
        Assert.Equal("also kept", document.RootElement.GetProperty("other").GetString());
        var shortened = document.RootElement.GetProperty("long").GetString()!;
        Assert.EndsWith(Marker, shortened, StringComparison.Ordinal);
        Assert.True(result.Length <= json.Length - 100);
        Assert.True(result.Length >= json.Length - 100 - 2, "The cap should be the largest that fits.");
    }

    [Fact]
    public void TryShrink_PropertyNames_AreNeverShortened()
    {
        var name = new string('k', 300);
        var json = "{\"" + name + "\":\"" + new string('v', 300) + "\"}";

        JsonShrinker.TryShrink(Bytes(json), 400, JsonMeasure.Utf8Bytes, out var result);

        using var document = JsonDocument.Parse(result);
        Assert.True(document.RootElement.TryGetProperty(name, out _));
    }

    [Theory]
    [InlineData("""{"v":"line\nbreak \"quoted\" back\\slash \u00e9 \ud83d\udd10 end of a long value"}""")]
    [InlineData("""["é日本😀 ünïcødé text that goes on and on and on and on"]""")]
    [InlineData("""{"nested":{"list":["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",{"deep":"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"}]},"n":12345}""")]
    public void TryShrink_AtEveryLimit_StaysValidJsonWithinTheLimit(string json)
    {
        var bytes = Bytes(json);
        var originalStrings = Strings(bytes);

        foreach (var measure in (JsonMeasure[])[JsonMeasure.Utf8Bytes, JsonMeasure.Utf16Chars, JsonMeasure.CefEscapedBytes])
        {
            var full = JsonShrinker.Measure(bytes, measure);
            for (var limit = 16; limit < full; limit++)
            {
                var fits = JsonShrinker.TryShrink(bytes, limit, measure, out var result);

                Assert.True(fits, $"{measure} {limit}");
                Assert.InRange(JsonShrinker.Measure(result.Span, measure), 0, limit);
                using var document = JsonDocument.Parse(result);
                AssertEachStringIsAPrefixPlusMarker(originalStrings, Strings(result.ToArray()), document.RootElement.ValueKind == JsonValueKind.String ? json : null);
            }
        }
    }

    [Fact]
    public void TryShrink_WhenStringsCannotMakeItFit_ReplacesTheValueWithAStringHoldingAPrefix()
    {
        var json = "[" + string.Join(",", Enumerable.Range(1000, 100)) + "]";

        var fits = JsonShrinker.TryShrink(Bytes(json), 60, JsonMeasure.Utf8Bytes, out var result);

        Assert.True(fits);
        Assert.True(result.Length <= 60);
        using var document = JsonDocument.Parse(result);
        var text = document.RootElement.GetString()!;
        Assert.StartsWith("[1000,1001,", text, StringComparison.Ordinal);
        Assert.EndsWith(Marker, text, StringComparison.Ordinal);
    }

    [Fact]
    public void TryShrink_InvalidJson_FallsBackToAJsonString()
    {
        var invalid = Bytes("{\"a\":\"unterminated " + new string('x', 100));

        var fits = JsonShrinker.TryShrink(invalid, 50, JsonMeasure.Utf8Bytes, out var result);

        Assert.True(fits);
        using var document = JsonDocument.Parse(result);
        Assert.StartsWith("{\"a\":\"unterminated ", document.RootElement.GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TryShrink_BelowTheSmallestReplacement_ReturnsFalse()
    {
        var json = Bytes("\"" + new string('x', 100) + "\"");

        var fits = JsonShrinker.TryShrink(json, 15, JsonMeasure.Utf8Bytes, out _);

        Assert.False(fits);
    }

    [Theory]
    [InlineData("abc", nameof(JsonMeasure.Utf8Bytes), 3)]
    [InlineData("é😀", nameof(JsonMeasure.Utf8Bytes), 6)]
    [InlineData("é😀", nameof(JsonMeasure.Utf16Chars), 3)]
    [InlineData("a=b\\c", nameof(JsonMeasure.CefEscapedBytes), 7)]
    [InlineData("a=b\\c", nameof(JsonMeasure.Utf16Chars), 5)]
    public void Measure_Row_CountsInTheRequestedUnit(string text, string measure, int expected)
    {
        var size = JsonShrinker.Measure(Bytes(text), Enum.Parse<JsonMeasure>(measure));

        Assert.Equal(expected, size);
    }

    [Theory]
    [InlineData(@"\n", 0, 2)]
    [InlineData(@"\u00e9", 0, 6)]
    [InlineData(@"\ud83d\udd10", 0, 12)]
    [InlineData(@"\ud83dx", 0, 6)]
    [InlineData("é", 0, 2)]
    [InlineData("😀", 0, 4)]
    [InlineData("ab", 1, 1)]
    public void UnitLength_Row_KeepsEscapesAndCharactersWhole(string text, int index, int expected)
    {
        var length = JsonShrinker.UnitLength(Bytes(text), index);

        Assert.Equal(expected, length);
    }

    private static void AssertEachStringIsAPrefixPlusMarker(List<string> original, List<string> shrunk, string? wholeText)
    {
        if (wholeText is not null)
        {
            // Fallback: one string holding a prefix of the whole JSON text.
            var single = Assert.Single(shrunk);
            Assert.EndsWith(Marker, single, StringComparison.Ordinal);
            Assert.StartsWith(single[..^Marker.Length], wholeText, StringComparison.Ordinal);
            return;
        }

        Assert.Equal(original.Count, shrunk.Count);
        for (var i = 0; i < original.Count; i++)
        {
            if (shrunk[i] != original[i])
            {
                Assert.EndsWith(Marker, shrunk[i], StringComparison.Ordinal);
                Assert.StartsWith(shrunk[i][..^Marker.Length], original[i], StringComparison.Ordinal);
            }
        }
    }

    private static List<string> Strings(byte[] json)
    {
        var strings = new List<string>();
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                strings.Add(reader.GetString()!);
            }
        }

        return strings;
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
