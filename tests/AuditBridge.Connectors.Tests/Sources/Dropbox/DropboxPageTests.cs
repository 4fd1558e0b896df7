using System.Buffers;
using System.Net;
using System.Text;
using AuditBridge.Secrets;
using AuditBridge.Sources.Dropbox;
using AuditBridge.Sources.Http;

namespace AuditBridge.Connectors.Tests.Sources.Dropbox;

public sealed class DropboxPageTests
{
    [Fact]
    public void Parse_WhenThePageIsValid_KeepsEventsInApiOrderWithCursorAndHasMore()
    {
        using var page = DropboxPage.Parse(Response(AuditBridge.TestKit.Fixtures.Text("dropbox/team_log/001-get_events.json")), "get_events");

        Assert.Equal(2, page.Entries.Count);
        Assert.Equal("2024-05-03T10:41:07Z", page.Entries[0].Element.GetProperty("timestamp").GetString());
        Assert.Equal("2024-05-03T10:39:52Z", page.Entries[1].Element.GetProperty("timestamp").GetString());
        Assert.StartsWith("AAG7kX2m9Q", page.Position, StringComparison.Ordinal);
        Assert.True(page.HasMore);
    }

    [Theory]
    [InlineData("""{"events":[],"cursor":"c","has_more":false""", "not valid JSON")]
    [InlineData("""[1,2]""", "not an object")]
    [InlineData("""{"cursor":"c","has_more":false}""", "no 'events' array")]
    [InlineData("""{"events":[],"has_more":false}""", "no 'cursor'")]
    [InlineData("""{"events":[],"cursor":"c"}""", "no boolean 'has_more'")]
    public void Parse_WhenThePageIsBroken_NamesWhatIsWrongAndWhere(string body, string expected)
    {
        var failure = Assert.Throws<InvalidVendorResponseException>(() => DropboxPage.Parse(Response(body), "get_events"));

        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
    }

    // An entry that is no event costs only itself (the source quarantines it): the page and its other events stand.
    [Theory]
    [InlineData("""{"events":[{"event_type":{".tag":"x"}}],"cursor":"c","has_more":false}""", 0, "has no valid 'timestamp'")]
    [InlineData("""{"events":[{"timestamp":"2024-05-03T10:41:07Z","event_type":{".tag":"x"}},{"timestamp":"2024-05-03T10:41:07Z"}],"cursor":"c","has_more":false}""", 1, "has no 'event_type' tag")]
    [InlineData("""{"events":[{"timestamp":"2024-05-03T10:41:07Z","event_type":{".tag":"x"}},7],"cursor":"c","has_more":false}""", 1, "is a JSON Number, not an object")]
    public void Parse_WhenAnEntryIsNoEvent_MarksOnlyThatEntry(string body, int index, string expected)
    {
        using var page = DropboxPage.Parse(Response(body), "get_events");

        var marked = Assert.Single(page.Entries, e => e.Problem is not null);
        Assert.Equal(index, marked.Index);
        Assert.Equal(expected, marked.Problem);
        Assert.All(page.Entries.Where(e => e.Index != index), e => Assert.Null(e.Problem));
        Assert.Equal("c", page.Position);
    }

    [Fact]
    public void Parse_WhenTheBodyIsHtml_RefusesItBeforeParsing()
    {
        var failure = Assert.Throws<InvalidVendorResponseException>(() => DropboxPage.Parse(Response("<html>", "text/html"), "get_events"));

        Assert.Contains("text/html", failure.Message, StringComparison.Ordinal);
    }

    private static VendorResponse Response(string body, string mediaType = "application/json")
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var buffer = ArrayPool<byte>.Shared.Rent(bytes.Length);
        bytes.CopyTo(buffer, 0);
        using var message = new HttpResponseMessage(HttpStatusCode.OK);
        return new VendorResponse(HttpStatusCode.OK, message.Headers, mediaType, buffer, bytes.Length, new SecretRedactor());
    }
}
