using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AuditBridge.Simulators.Dropbox;
using AuditBridge.TestKit.Time;

namespace AuditBridge.Connectors.Tests.Simulators;

public sealed class DropboxSimulatorAuthTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2024, 6, 1, 12, 0, 0, TimeSpan.Zero));
    private DropboxSimulator _simulator = null!;
    private SimulatorHttp _http = null!;

    public async ValueTask InitializeAsync()
    {
        _simulator = await DropboxSimulator.StartAsync(new DropboxSimulatorOptions { EventCount = 100 }, _clock, TestContext.Current.CancellationToken);
        _http = new SimulatorHttp(_simulator);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _simulator.DisposeAsync();
    }

    [Fact]
    public async Task Token_WithClientCredentialsInTheBody_IssuesABearerTokenTheApiAccepts()
    {
        var (status, json) = await RefreshAsync("grant_type=refresh_token&refresh_token=sim-refresh-token&client_id=sim-app-key&client_secret=sim-app-secret");

        var page = await _http.GetEventsAsync("""{"limit": 5}""", AccessTokenOf(json));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("sl.sim.", AccessTokenOf(json), StringComparison.Ordinal);
        Assert.Equal("bearer", Field(json, "token_type"));
        Assert.Equal("14400", Field(json, "expires_in"));
        Assert.Equal(5, page.Events.Count);
    }

    [Fact]
    public async Task Token_WithHttpBasicClientAuth_IssuesAToken()
    {
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes("sim-app-key:sim-app-secret"));

        var (status, json) = await RefreshAsync("grant_type=refresh_token&refresh_token=sim-refresh-token", new AuthenticationHeaderValue("Basic", basic));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("sl.sim.", AccessTokenOf(json), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_IssuedTwice_IsUnique()
    {
        const string Form = "grant_type=refresh_token&refresh_token=sim-refresh-token&client_id=sim-app-key&client_secret=sim-app-secret";

        var first = AccessTokenOf((await RefreshAsync(Form)).Json);
        var second = AccessTokenOf((await RefreshAsync(Form)).Json);

        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task GetEvents_WithIssuedTokenAfterItsLifetime_Returns401ExpiredAccessToken()
    {
        var token = AccessTokenOf((await RefreshAsync("grant_type=refresh_token&refresh_token=sim-refresh-token&client_id=sim-app-key&client_secret=sim-app-secret")).Json);
        _clock.Advance(TimeSpan.FromHours(4));

        var (status, body, _) = await _http.PostForTextAsync(SimulatorHttp.GetEventsPath, "{}", token);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("""{"error_summary":"expired_access_token/..","error":{".tag":"expired_access_token"}}""", body);
    }

    [Fact]
    public async Task GetEvents_WithIssuedTokenJustBeforeExpiry_Succeeds()
    {
        var token = AccessTokenOf((await RefreshAsync("grant_type=refresh_token&refresh_token=sim-refresh-token&client_id=sim-app-key&client_secret=sim-app-secret")).Json);
        _clock.Advance(TimeSpan.FromHours(4) - TimeSpan.FromSeconds(1));

        var (status, _, _) = await _http.PostForTextAsync(SimulatorHttp.GetEventsPath, "{}", token);

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task ExpireAccessTokenFault_ExpiresIssuedTokensButNotTheStaticToken()
    {
        var token = AccessTokenOf((await RefreshAsync("grant_type=refresh_token&refresh_token=sim-refresh-token&client_id=sim-app-key&client_secret=sim-app-secret")).Json);
        _simulator.Faults.Enqueue(DropboxFault.ExpireAccessToken());

        var (expiredStatus, expiredBody, _) = await _http.PostForTextAsync(SimulatorHttp.GetEventsPath, "{}", token);
        var (staticStatus, _, _) = await _http.PostForTextAsync(SimulatorHttp.GetEventsPath, "{}");
        var fresh = AccessTokenOf((await RefreshAsync("grant_type=refresh_token&refresh_token=sim-refresh-token&client_id=sim-app-key&client_secret=sim-app-secret")).Json);
        var (freshStatus, _, _) = await _http.PostForTextAsync(SimulatorHttp.GetEventsPath, "{}", fresh);

        Assert.Equal(HttpStatusCode.Unauthorized, expiredStatus);
        Assert.Contains("expired_access_token", expiredBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, staticStatus);
        Assert.Equal(HttpStatusCode.OK, freshStatus);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token")]
    [InlineData("sl.sim.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task GetEvents_WithMissingOrUnknownToken_Returns401InvalidAccessToken(string? token)
    {
        var (status, body, _) = await _http.PostForTextAsync(SimulatorHttp.GetEventsPath, "{}", token);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("""{"error_summary":"invalid_access_token/..","error":{".tag":"invalid_access_token"}}""", body);
    }

    [Fact]
    public async Task Token_WithWrongRefreshToken_Returns400InvalidGrant()
    {
        var (status, json) = await RefreshAsync("grant_type=refresh_token&refresh_token=revoked&client_id=sim-app-key&client_secret=sim-app-secret");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("""{"error":"invalid_grant","error_description":"refresh token is invalid or revoked"}""", json);
    }

    [Fact]
    public async Task Token_WithWrongClientSecretInTheBody_Returns400InvalidClient()
    {
        var (status, json) = await RefreshAsync("grant_type=refresh_token&refresh_token=sim-refresh-token&client_id=sim-app-key&client_secret=wrong");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_client", Field(json, "error"));
    }

    [Fact]
    public async Task Token_WithWrongBasicCredentials_Returns401InvalidClient()
    {
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes("sim-app-key:wrong"));

        var (status, json) = await RefreshAsync("grant_type=refresh_token&refresh_token=sim-refresh-token", new AuthenticationHeaderValue("Basic", basic));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid_client", Field(json, "error"));
    }

    [Fact]
    public async Task Token_WithCredentialsInTheQueryString_Returns400()
    {
        using var content = new StringContent("grant_type=refresh_token", Encoding.UTF8, "application/x-www-form-urlencoded");

        using var response = await _http.Client.PostAsync(
            "oauth2/token?refresh_token=sim-refresh-token&client_id=sim-app-key&client_secret=sim-app-secret",
            content,
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", Field(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), "error"));
    }

    [Fact]
    public async Task Token_WithUnsupportedGrantType_Returns400()
    {
        var (status, json) = await RefreshAsync("grant_type=authorization_code&code=abc&client_id=sim-app-key&client_secret=sim-app-secret");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("unsupported_grant_type", Field(json, "error"));
    }

    private static string AccessTokenOf(string json) => Field(json, "access_token");

    private static string Field(string json, string name)
    {
        using var document = JsonDocument.Parse(json);
        var value = document.RootElement.GetProperty(name);
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
    }

    private async Task<(HttpStatusCode Status, string Json)> RefreshAsync(string form, AuthenticationHeaderValue? authorization = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "oauth2/token")
        {
            Content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Authorization = authorization;
        using var response = await _http.Client.SendAsync(request, TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
