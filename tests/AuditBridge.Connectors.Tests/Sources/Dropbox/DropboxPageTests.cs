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
        using var page = DropboxPage.Parse(Response(AuditBridge.TestKit.Fixtures.Text("dropbox/team_log/001-get_events.json")));

        Assert.Equal(2, page.Events.Count);
        Assert.Equal("2024-05-03T10:41:07Z", page.Events[0].GetProperty("timestamp").GetString());
        Assert.Equal("2024-05-03T10:39:52Z", page.Events[1].GetProperty("timestamp").GetString());
        Assert.StartsWith("AAG7kX2m9Q", page.Cursor, StringComparison.Ordinal);
        Assert.True(page.HasMore);
    }

    [Theory]
    [InlineData("""{"events":[],"cursor":"c","has_more":false""", "not valid JSON")]
    [InlineData("""[1,2]""", "not an object")]
    [InlineData("""{"cursor":"c","has_more":false}""", "no 'events' array")]
    [InlineData("""{"events":[],"has_more":false}""", "no 'cursor'")]
    [InlineData("""{"events":[],"cursor":"c"}""", "no boolean 'has_more'")]
    [InlineData("""{"events":[{"event_type":{".tag":"x"}}],"cursor":"c","has_more":false}""", "event 0 of the page (0-based) has no valid 'timestamp'")]
    [InlineData("""{"events":[{"timestamp":"2024-05-03T10:41:07Z","event_type":{".tag":"x"}},{"timestamp":"2024-05-03T10:41:07Z"}],"cursor":"c","has_more":false}""", "event 1 of the page (0-based) has no 'event_type' tag")]
    public void Parse_WhenThePageIsBroken_NamesWhatIsWrongAndWhere(string body, string expected)
    {
        var failure = Assert.Throws<InvalidVendorResponseException>(() => DropboxPage.Parse(Response(body)));

        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenTheBodyIsHtml_RefusesItBeforeParsing()
    {
        var failure = Assert.Throws<InvalidVendorResponseException>(() => DropboxPage.Parse(Response("<html>", "text/html")));

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
