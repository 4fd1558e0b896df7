using AuditBridge.Secrets;
using AuditBridge.Sources.Box;

namespace AuditBridge.Connectors.Tests.Sources.Box;

public sealed class BoxApiClientTests
{
    private static readonly BoxCredentials Credentials = BoxCredentials.FromDeveloperToken(new Secret("developer-token", "test"));

    [Fact]
    public void QueryString_SendsThePositionBackExactly_WithTheWindowAndEventTypesOnEveryPage()
    {
        var options = new BoxSourceOptions
        {
            Credentials = Credentials,
            CreatedBefore = new DateTimeOffset(2024, 5, 3, 10, 0, 0, TimeSpan.FromHours(-7)),
            EventTypes = ["LOGIN", "FAILED_LOGIN"],
            Limit = 250,
        };

        var query = BoxApiClient.QueryString(options, new BoxEventsRequest("1152922976252291507", new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero)));

        Assert.Equal("?stream_type=admin_logs&limit=250&stream_position=1152922976252291507&created_after=2024-05-01T00:00:00Z&created_before=2024-05-03T17:00:00Z&event_type=LOGIN,FAILED_LOGIN", query);
    }

    [Fact]
    public void QueryString_ForTheStreamingStream_SendsNoTimeBounds()
    {
        var options = new BoxSourceOptions { Credentials = Credentials, Stream = BoxStreamType.AdminLogsStreaming };

        var query = BoxApiClient.QueryString(options, new BoxEventsRequest("0", new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero)));

        Assert.Equal("?stream_type=admin_logs_streaming&limit=500&stream_position=0", query);
    }

    [Fact]
    public void QueryString_WithoutAPosition_SendsNone()
    {
        var query = BoxApiClient.QueryString(new BoxSourceOptions { Credentials = Credentials }, new BoxEventsRequest(null, null));

        Assert.Equal("?stream_type=admin_logs&limit=500", query);
    }
}
