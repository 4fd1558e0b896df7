using System.Buffers;
using System.Net;
using System.Text;
using AuditBridge.Secrets;
using AuditBridge.Sources.Box;
using AuditBridge.Sources.Http;
using AuditBridge.TestKit;

namespace AuditBridge.Connectors.Tests.Sources.Box;

public sealed class BoxPageTests
{
    [Fact]
    public void Parse_APositionSentAsAString_KeepsItsText()
    {
        using var page = BoxPage.Parse(Response(Fixtures.Text("box/events/001.json")), "admin_logs");

        Assert.Equal(2, page.Entries.Count);
        Assert.Equal("1152922976252291507", page.Position);
        Assert.False(BoxPage.IsNoPosition(page.Position));
    }

    [Fact]
    public void Parse_APositionSentAsANumberAbove2Pow53_KeepsEveryDigit()
    {
        using var page = BoxPage.Parse(Response(Fixtures.Text("box/events/002.json")), "admin_logs");

        Assert.Equal("1348790499819004567", page.Position);
        Assert.NotEqual(page.Position, ((long)double.Parse(page.Position!, System.Globalization.CultureInfo.InvariantCulture)).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("""{"chunk_size":0,"next_stream_position":0,"entries":[]}""")]
    [InlineData("""{"chunk_size":0,"next_stream_position":"0","entries":[]}""")]
    [InlineData("""{"chunk_size":0,"next_stream_position":null,"entries":[]}""")]
    [InlineData("""{"chunk_size":0,"entries":[]}""")]
    public void Parse_AnEmptyPageWithoutAUsablePosition_IsValidAndSaysSo(string body)
    {
        using var page = BoxPage.Parse(Response(body), "admin_logs");

        Assert.Empty(page.Entries);
        Assert.True(BoxPage.IsNoPosition(page.Position));
    }

    [Theory]
    [InlineData("""{"chunk_size":0,"next_stream_position":"1","entries":[]""", "not valid JSON")]
    [InlineData("""[1,2]""", "not an object")]
    [InlineData("""{"chunk_size":0,"next_stream_position":"1"}""", "no 'entries' array")]
    [InlineData("""{"next_stream_position":true,"entries":[]}""", "'next_stream_position' is a JSON True")]
    [InlineData("""{"next_stream_position":0,"entries":[{"event_id":"a","event_type":"LOGIN","created_at":"2024-05-03T03:41:07-07:00"}]}""", "1 entries but no usable 'next_stream_position'")]
    public void Parse_WhenThePageIsBroken_NamesWhatIsWrongAndWhere(string body, string expected)
    {
        var failure = Assert.Throws<InvalidVendorResponseException>(() => BoxPage.Parse(Response(body), "admin_logs"));

        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
    }

    // An entry that is no event costs only itself (the source quarantines it): the page and its other entries stand.
    [Theory]
    [InlineData("""{"next_stream_position":"5","entries":[{"event_type":"LOGIN","created_at":"2024-05-03T03:41:07-07:00"}]}""", 0, "has no 'event_id'")]
    [InlineData("""{"next_stream_position":"5","entries":[{"event_id":"a","event_type":"LOGIN","created_at":"2024-05-03T03:41:07-07:00"},{"event_id":"b","created_at":"2024-05-03T03:41:07-07:00"}]}""", 1, "has no 'event_type'")]
    [InlineData("""{"next_stream_position":"5","entries":[{"event_id":"a","event_type":"LOGIN","created_at":"2024-05-03 03:41:07"}]}""", 0, "has no valid 'created_at' (RFC 3339 with an offset)")]
    public void Parse_WhenAnEntryIsNoEvent_MarksOnlyThatEntry(string body, int index, string expected)
    {
        using var page = BoxPage.Parse(Response(body), "admin_logs");

        var marked = Assert.Single(page.Entries, e => e.Problem is not null);
        Assert.Equal(index, marked.Index);
        Assert.Equal(expected, marked.Problem);
        Assert.All(page.Entries.Where(e => e.Index != index), e => Assert.Null(e.Problem));
        Assert.Equal("5", page.Position);
    }

    [Fact]
    public void Parse_WhenTheBodyIsHtml_RefusesItBeforeParsing()
    {
        var failure = Assert.Throws<InvalidVendorResponseException>(() => BoxPage.Parse(Response("<html>", "text/html"), "admin_logs"));

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
