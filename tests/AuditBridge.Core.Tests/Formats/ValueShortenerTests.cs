using System.Text;
using System.Text.Unicode;
using AuditBridge.Formats;

namespace AuditBridge.Core.Tests.Formats;

public sealed class ValueShortenerTests
{
    [Theory]
    [InlineData("abcdef", 4, 4)]
    [InlineData("abc", 10, 3)]
    [InlineData("abc", 0, 0)]
    [InlineData("ab😀cd", 3, 2)]
    [InlineData("ab😀cd", 4, 4)]
    [InlineData("abéd", 3, 3)]
    [InlineData("ab日本", 3, 3)]
    public void CutLength_Row_NeverEndsBetweenTheHalvesOfASurrogatePair(string value, int maxChars, int expected)
    {
        var length = ValueShortener.CutLength(value, maxChars);

        Assert.Equal(expected, length);
    }

    [Fact]
    public void CutLength_EndingAtALoneHighSurrogate_CutsBeforeIt()
    {
        // Built in code: theory data is serialized as UTF-8, which would replace the lone surrogate.
        var value = "ab" + '\ud800' + "c";

        var length = ValueShortener.CutLength(value, 3);

        Assert.Equal(2, length);
    }

    [Fact]
    public void CutLength_AtEveryPositionOfMixedText_LeavesValidUtf8()
    {
        const string Text = "aé日😀b🔐ßx";

        for (var limit = 0; limit <= Text.Length; limit++)
        {
            var prefix = Text[..ValueShortener.CutLength(Text, limit)];

            Assert.True(Utf8.IsValid(Encoding.UTF8.GetBytes(prefix)), $"limit {limit}");
            Assert.False(prefix.Length > 0 && char.IsHighSurrogate(prefix[^1]), $"limit {limit}");
            Assert.InRange(prefix.Length, Math.Max(0, limit - 1), limit);
        }
    }

    [Theory]
    [InlineData(20, 20, false)]
    [InlineData(19, 7, true)]
    [InlineData(13, 1, true)]
    public void KeepWithMarker_Row_LeavesRoomForTheMarker(int maxChars, int expectedKept, bool expectedShortened)
    {
        var kept = ValueShortener.KeepWithMarker(new string('v', 20), maxChars, out var shortened);

        Assert.Equal(expectedKept, kept);
        Assert.Equal(expectedShortened, shortened);
    }

    [Fact]
    public void Marker_InUtf8_MatchesTheStringAndItsLength()
    {
        var utf8 = ValueShortener.MarkerUtf8.ToArray();

        Assert.Equal(ValueShortener.Marker, Encoding.UTF8.GetString(utf8));
        Assert.Equal(ValueShortener.MarkerChars, ValueShortener.Marker.Length);
        Assert.Equal(14, utf8.Length);
    }
}
