using System.Net;
using AuditBridge.TestKit.Time;

namespace AuditBridge.Connectors.Tests.Simulators.Core;

/// <summary>The core's request pipeline (routes, bearer tokens, token expiry and refresh, faults, the request log), driven through the test vendor.</summary>
public sealed class SimulatedApiTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Start);
    private AcmeSimulator _simulator = null!;
    private AcmeHttp _http = null!;

    public async ValueTask InitializeAsync()
    {
        _simulator = await AcmeSimulator.StartAsync(new AcmeOptions { EventCount = 10 }, _clock, TestContext.Current.CancellationToken);
        _http = new AcmeHttp(_simulator);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _simulator.DisposeAsync();
    }

    [Fact]
    public async Task IssuedToken_IsAcceptedUntilItExpires_ThenA401SaysExpired_AndARefreshedTokenWorks()
    {
        var token = await _http.IssueTokenAsync();

        var fresh = await _http.ItemsAsync(token);
        _clock.Advance(TimeSpan.FromMinutes(10));
        var expired = await _http.ItemsAsync(token);
        var refreshed = await _http.ItemsAsync(await _http.IssueTokenAsync());

        Assert.Equal(HttpStatusCode.OK, fresh.Status);
        Assert.Equal((HttpStatusCode.Unauthorized, "Expired"), expired);
        Assert.Equal(HttpStatusCode.OK, refreshed.Status);
    }

    [Fact]
    public async Task TokenRoute_AnswersTheVendorsBodyWithTheLifetimeFromTheOptions()
    {
        var (status, body) = await _http.TokenAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("acme.", AcmeHttp.Field(body, "access_token"), StringComparison.Ordinal);
        Assert.Equal("600", AcmeHttp.Field(body, "expires_in"));
    }

    [Fact]
    public async Task ExpireAccessTokenFault_ExpiresIssuedTokens_ButNotTheStaticToken()
    {
        var token = await _http.IssueTokenAsync();
        _simulator.Faults.Enqueue(AcmeFault.ExpireAccessToken());

        var issued = await _http.ItemsAsync(token);
        var developer = await _http.ItemsAsync();

        Assert.Equal((HttpStatusCode.Unauthorized, "Expired"), issued);
        Assert.Equal(HttpStatusCode.OK, developer.Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("forged")]
    public async Task ApiRoute_WithoutAValidBearerToken_AnswersTheVendors401(string? token)
    {
        var answer = await _http.ItemsAsync(token);

        Assert.Equal((HttpStatusCode.Unauthorized, "Invalid"), answer);
    }

    [Fact]
    public async Task ApiRoute_ServesTheDatasetThroughTheVendorsHandler()
    {
        var (status, body) = await _http.ItemsAsync(offset: 8);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"items":[{"id":8,"at":"2024-01-01T00:01:20+00:00"},{"id":9,"at":"2024-01-01T00:01:30+00:00"}],"next":10}""", body);
    }

    [Fact]
    public async Task UnknownPathAndWrongMethod_GetTheVendors404And405WithAllow()
    {
        using var unknown = await _http.Client.GetAsync("v2/other", TestContext.Current.CancellationToken);
        using var wrong = await _http.Client.DeleteAsync("v1/items", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("no route /v2/other", await unknown.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrong.StatusCode);
        Assert.Equal(["GET"], wrong.Content.Headers.Allow);
    }

    [Fact]
    public async Task EveryResponse_CarriesADeterministicRequestId()
    {
        using var first = await _http.Client.GetAsync("v1/items", TestContext.Current.CancellationToken);
        using var second = await _http.Client.GetAsync("v1/items", TestContext.Current.CancellationToken);
        await using var twin = await AcmeSimulator.StartAsync(new AcmeOptions { EventCount = 10 }, _clock, TestContext.Current.CancellationToken);
        using var twinHttp = new AcmeHttp(twin);
        using var twinFirst = await twinHttp.Client.GetAsync("v1/items", TestContext.Current.CancellationToken);

        var id = first.Headers.GetValues("acme-request-id").Single();
        Assert.Matches("^[0-9a-f]{16}$", id);
        Assert.NotEqual(id, second.Headers.GetValues("acme-request-id").Single());
        Assert.Equal(id, twinFirst.Headers.GetValues("acme-request-id").Single());
    }

    [Fact]
    public async Task Requests_RecordsMethodPathQueryHeadersBodyAndTheSimulatorsTime()
    {
        _clock.Advance(TimeSpan.FromSeconds(42));

        await _http.ItemsAsync(offset: 3);
        await _http.TokenAsync();

        var recorded = _simulator.Requests;
        Assert.Equal(2, recorded.Count);
        Assert.Equal(("GET", "/v1/items", "?offset=3", "Bearer acme-developer-token"), (recorded[0].Method, recorded[0].Path, recorded[0].QueryString, recorded[0].Authorization));
        Assert.Equal(Start.AddSeconds(42), recorded[0].ReceivedAt);
        Assert.Equal(("POST", "/oauth2/token", "grant_type=client_credentials&client_secret=acme-secret"), (recorded[1].Method, recorded[1].Path, recorded[1].Body));
    }

    [Fact]
    public async Task EchoCredentialsFault_OnTheTokenRoute_EchoesTheRequestAsOAuthError()
    {
        _simulator.Faults.Enqueue(AcmeFault.EchoCredentials(400) with { Route = AcmeRoute.Token });

        var (status, body) = await _http.TokenAsync();

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("client_secret=acme-secret", AcmeHttp.Field(body, "error_description"), StringComparison.Ordinal);
    }
}
