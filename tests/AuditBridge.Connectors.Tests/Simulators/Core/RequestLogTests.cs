using AuditBridge.Simulators;
using AuditBridge.Simulators.Core;

namespace AuditBridge.Connectors.Tests.Simulators.Core;

public sealed class RequestLogTests
{
    private static readonly SimulatorRoute Items = new("/v1/items", "GET", 1, "items");
    private static readonly SimulatorRoute Token = new("/oauth2/token", "POST", 2, "token", IsToken: true);

    [Fact]
    public void Add_KeepsTheLastCapacityRequestsOldestFirst_ButCountsEveryOne()
    {
        var log = new RequestLog(new RouteTable(Items, Token));

        for (var i = 0; i < RequestLog.Capacity + 5; i++)
        {
            log.Add(Request($"/v1/items?n={i}"), Items);
        }

        var kept = log.Snapshot();
        Assert.Equal(RequestLog.Capacity, kept.Count);
        Assert.Equal("/v1/items?n=5", kept[0].Path);
        Assert.Equal($"/v1/items?n={RequestLog.Capacity + 4}", kept[^1].Path);
        Assert.Equal(RequestLog.Capacity + 5, log.CountOf(Items));
    }

    [Fact]
    public void Add_CountsPerRouteAndOtherPathsApart()
    {
        var log = new RequestLog(new RouteTable(Items, Token));

        log.Add(Request("/v1/items"), Items);
        log.Add(Request("/oauth2/token"), Token);
        log.Add(Request("/oauth2/token"), Token);
        log.Add(Request("/nowhere"), route: null);

        Assert.Equal(1, log.CountOf(Items));
        Assert.Equal(2, log.CountOf(Token));
        Assert.Equal(1, log.OtherCount);
        Assert.Equal(["/v1/items", "/oauth2/token", "/oauth2/token", "/nowhere"], log.Snapshot().Select(r => r.Path));
    }

    private static RecordedRequest Request(string path) =>
        new("GET", path, string.Empty, new Dictionary<string, string>(), string.Empty, DateTimeOffset.UnixEpoch);
}
