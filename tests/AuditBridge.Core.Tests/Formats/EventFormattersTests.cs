using AuditBridge.Formats;

namespace AuditBridge.Core.Tests.Formats;

public sealed class EventFormattersTests
{
    [Theory]
    [InlineData("cef", "cef")]
    [InlineData("json", "json")]
    [InlineData("csv", "csv")]
    [InlineData("leef", "leef")]
    [InlineData("CEF", "cef")]
    public void Create_KnownName_ReturnsThatFormat(string name, string expected)
    {
        var formatter = EventFormatters.Create(name);

        Assert.Equal(expected, formatter.Name);
    }

    [Fact]
    public void Create_UnknownName_ThrowsListingTheKnownOnes()
    {
        var exception = Assert.Throws<ArgumentException>(() => EventFormatters.Create("xml"));

        Assert.Contains("cef, json, csv, leef", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_MatchWhatCreateAccepts()
    {
        var names = EventFormatters.Names.Select(name => EventFormatters.Create(name).Name);

        Assert.Equal(EventFormatters.Names, names);
    }

    [Fact]
    public void FileHeader_OfCefAndJson_IsEmpty()
    {
        Assert.True(EventFormatters.Cef().FileHeader.IsEmpty);
        Assert.True(EventFormatters.Json().FileHeader.IsEmpty);
    }
}
