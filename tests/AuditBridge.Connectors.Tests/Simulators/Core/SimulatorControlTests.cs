using System.Net;
using AuditBridge.TestKit.Time;

namespace AuditBridge.Connectors.Tests.Simulators.Core;

/// <summary><c>/_simulator/*</c> of the core, driven through the test vendor over loopback.</summary>
public sealed class SimulatorControlTests : IAsyncLifetime
{
    private AcmeSimulator _simulator = null!;
    private AcmeHttp _http = null!;

    public async ValueTask InitializeAsync()
    {
        _simulator = await AcmeSimulator.StartAsync(new AcmeOptions { EventCount = 10 }, new FakeTimeProvider(new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero)), TestContext.Current.CancellationToken);
        _http = new AcmeHttp(_simulator);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _simulator.DisposeAsync();
    }

    [Fact]
    public async Task PostFault_QueuesASharedFaultWithRouteTimesAndSkip()
    {
        var (status, body) = await _http.ControlAsync(HttpMethod.Post, "faults", """{"kind":"server_error","status":503,"route":"items","times":2,"skip":1}""");

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add((await _http.ItemsAsync()).Status);
        }

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"pending":1}""", body);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK], answers);
        Assert.Equal(0, _simulator.Faults.Count);
    }

    [Fact]
    public async Task PostFault_OnlyOnTheNamedRoute_LeavesTheOtherRoutesAlone()
    {
        await _http.ControlAsync(HttpMethod.Post, "faults", """{"kind":"server_error","route":["token"]}""");

        var items = await _http.ItemsAsync();
        var token = await _http.TokenAsync();

        Assert.Equal(HttpStatusCode.OK, items.Status);
        Assert.Equal(HttpStatusCode.InternalServerError, token.Status);
    }

    [Fact]
    public async Task PostFault_OfTheVendorsOwnKind_GoesToTheVendorsParser()
    {
        await _http.ControlAsync(HttpMethod.Post, "faults", """{"kind":"rate_limited","retry_after":9}""");

        using var response = await _http.Client.GetAsync("v1/items", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(9), response.Headers.RetryAfter?.Delta);
    }

    [Theory]
    [InlineData("""{"kind":"no_such_kind"}""", "unknown fault kind \"no_such_kind\"")]
    [InlineData("""{"status":500}""", "expected a JSON object with a string \"kind\"")]
    [InlineData("""{"kind":"server_error","route":"nowhere"}""", "unknown route \"nowhere\"")]
    [InlineData("""{"kind":"server_error","route":[]}""", "\"route\" must name at least one route")]
    [InlineData("""{"kind":"server_error","times":0}""", "times")]
    [InlineData("""{"kind":"server_error","skip":-1}""", "skip")]
    [InlineData("""{"kind":"server_error","status":404}""", "invalid fault")]
    [InlineData("""not json""", "invalid fault")]
    public async Task PostFault_Invalid_Answers400NamingTheProblem_AndQueuesNothing(string json, string problem)
    {
        var (status, body) = await _http.ControlAsync(HttpMethod.Post, "faults", json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(problem, body, StringComparison.Ordinal);
        Assert.Equal(0, _simulator.Faults.Count);
    }

    [Fact]
    public async Task GetAndDeleteFaults_ReportAndClearThePendingFaults()
    {
        await _http.ControlAsync(HttpMethod.Post, "faults", """{"kind":"hang"}""");
        await _http.ControlAsync(HttpMethod.Post, "faults", """{"kind":"not_json"}""");

        var pending = await _http.ControlAsync(HttpMethod.Get, "faults");
        var cleared = await _http.ControlAsync(HttpMethod.Delete, "faults");
        var items = await _http.ItemsAsync();

        Assert.Equal("""{"pending":2}""", pending.Body);
        Assert.Equal("""{"pending":0}""", cleared.Body);
        Assert.Equal(HttpStatusCode.OK, items.Status);
    }

    [Fact]
    public async Task GetRequests_CountsEachRouteAndOtherPaths_ButNotControlRequests()
    {
        await _http.ItemsAsync();
        await _http.ItemsAsync();
        await _http.TokenAsync();
        using var unknown = await _http.Client.GetAsync("v2/nowhere", TestContext.Current.CancellationToken);
        await _http.ControlAsync(HttpMethod.Get, "faults");

        var (status, body) = await _http.ControlAsync(HttpMethod.Get, "requests");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"items":2,"token":1,"other":1,"total":4}""", body);
        Assert.Equal(4, _simulator.Requests.Count);
    }

    [Fact]
    public async Task UnknownControlPath_Answers404()
    {
        var (status, _) = await _http.ControlAsync(HttpMethod.Get, "nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, status);
    }
}
