using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AuditBridge.Simulators.Box;
using AuditBridge.TestKit.Time;

namespace AuditBridge.Connectors.Tests.Simulators.Box;

public sealed class BoxSimulatorAuthTests : IAsyncLifetime
{
    private static readonly BoxJwtApp App = BoxJwtApp.Create();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2024, 6, 1, 12, 0, 0, TimeSpan.Zero));
    private BoxSimulator _simulator = null!;
    private BoxSimulatorHttp _http = null!;

    public async ValueTask InitializeAsync()
    {
        _simulator = await BoxSimulator.StartAsync(
            new BoxSimulatorOptions { EventCount = 100, JwtPublicKey = App.PublicKeyPem, JwtPublicKeyId = App.PublicKeyId },
            _clock,
            TestContext.Current.CancellationToken);
        _http = new BoxSimulatorHttp(_simulator);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _simulator.DisposeAsync();
    }

    [Fact]
    public async Task Token_ClientCredentialsForTheEnterprise_IssuesABearerTokenTheApiAccepts()
    {
        var (status, json) = await _http.TokenAsync(BoxSimulatorHttp.ClientCredentialsForm);

        var page = await _http.PageAsync("?stream_type=admin_logs&limit=5", BoxSimulatorHttp.Field(json, "access_token"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("bearer", BoxSimulatorHttp.Field(json, "token_type"));
        Assert.Equal("4123", BoxSimulatorHttp.Field(json, "expires_in"));
        Assert.Equal("[]", BoxSimulatorHttp.Field(json, "restricted_to"));
        Assert.NotEmpty(page.Entries);
    }

    [Fact]
    public async Task Events_WithAnIssuedTokenPastItsLifetime_Returns401WithoutABody()
    {
        var token = BoxSimulatorHttp.Field((await _http.TokenAsync(BoxSimulatorHttp.ClientCredentialsForm)).Json, "access_token");
        _clock.Advance(TimeSpan.FromSeconds(4123));

        var (status, body, response) = await _http.GetAsync("?stream_type=admin_logs", token);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Empty(body);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("grant_type=client_credentials&client_id=sim-client-id&client_secret=wrong&box_subject_type=enterprise&box_subject_id=9348812", "invalid_client")]
    [InlineData("grant_type=client_credentials&client_id=sim-client-id&client_secret=sim-client-secret&box_subject_type=enterprise&box_subject_id=1", "invalid_grant")]
    [InlineData("grant_type=client_credentials&client_id=sim-client-id&client_secret=sim-client-secret&box_subject_type=user&box_subject_id=9348812", "invalid_grant")]
    [InlineData("grant_type=password&client_id=sim-client-id&client_secret=sim-client-secret", "unsupported_grant_type")]
    public async Task Token_WithWrongClientCredentials_Returns400WithTheOAuthError(string form, string error)
    {
        var (status, json) = await _http.TokenAsync(form);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(error, BoxSimulatorHttp.Field(json, "error"));
    }

    [Fact]
    public async Task Token_WithAValidJwtAssertion_IssuesAToken()
    {
        using var key = PrivateKey();

        var (status, json) = await _http.TokenAsync(JwtForm(Assertion(key)));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("box.sim.", BoxSimulatorHttp.Field(json, "access_token"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_WithAJwtSignedByAnotherKey_IsRefusedAsASignatureError()
    {
        using var other = RSA.Create(2048);

        var (status, json) = await _http.TokenAsync(JwtForm(Assertion(other)));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", BoxSimulatorHttp.Field(json, "error"));
        Assert.Contains("Signature verification error", BoxSimulatorHttp.Field(json, "error_description"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kid", "other-key", "'kid'")]
    [InlineData("iss", "someone-else", "'iss'")]
    [InlineData("sub", "1", "'sub'")]
    [InlineData("aud", "https://api.box.com/oauth2/token", "'aud'")]
    [InlineData("exp", "+600", "'exp'")]
    [InlineData("exp", "-600", "'exp'")]
    [InlineData("jti", "short", "'jti'")]
    public async Task Token_WithAWrongClaim_IsRefusedNamingIt(string claim, string value, string named)
    {
        using var key = PrivateKey();

        var (status, json) = await _http.TokenAsync(JwtForm(Assertion(key, claim, value)));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", BoxSimulatorHttp.Field(json, "error"));
        Assert.Contains(named, BoxSimulatorHttp.Field(json, "error_description"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_WithAReplayedJwt_IsRefused()
    {
        using var key = PrivateKey();
        var assertion = Assertion(key);

        var first = await _http.TokenAsync(JwtForm(assertion));
        var replay = await _http.TokenAsync(JwtForm(assertion));

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.BadRequest, replay.Status);
        Assert.Contains("'jti'", BoxSimulatorHttp.Field(replay.Json, "error_description"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_WithJwtWhenNoPublicKeyIsConfigured_IsRefusedAsUnauthorizedClient()
    {
        await using var simulator = await BoxSimulator.StartAsync(new BoxSimulatorOptions { EventCount = 1 }, _clock, TestContext.Current.CancellationToken);
        using var http = new BoxSimulatorHttp(simulator);
        using var key = PrivateKey();

        var (status, json) = await http.TokenAsync(JwtForm(Assertion(key, audience: new Uri(simulator.BaseUrl, "oauth2/token").AbsoluteUri)));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("unauthorized_client", BoxSimulatorHttp.Field(json, "error"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token")]
    public async Task Events_WithoutAValidToken_Returns401(string? token)
    {
        var (status, _, _) = await _http.GetAsync("?stream_type=admin_logs", token);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task ExpireAccessTokenFault_ExpiresIssuedTokensButNotTheDeveloperToken()
    {
        var token = BoxSimulatorHttp.Field((await _http.TokenAsync(BoxSimulatorHttp.ClientCredentialsForm)).Json, "access_token");
        _simulator.Faults.Enqueue(BoxFault.ExpireAccessToken());

        var (expired, _, _) = await _http.GetAsync("?stream_type=admin_logs", token);
        var (developer, _, _) = await _http.GetAsync("?stream_type=admin_logs");
        var fresh = BoxSimulatorHttp.Field((await _http.TokenAsync(BoxSimulatorHttp.ClientCredentialsForm)).Json, "access_token");
        var (renewed, _, _) = await _http.GetAsync("?stream_type=admin_logs", fresh);

        Assert.Equal(HttpStatusCode.Unauthorized, expired);
        Assert.Equal(HttpStatusCode.OK, developer);
        Assert.Equal(HttpStatusCode.OK, renewed);
    }

    private static RSA PrivateKey()
    {
        var rsa = RSA.Create();
        rsa.ImportFromEncryptedPem(App.EncryptedPrivateKeyPem, App.Passphrase);
        return rsa;
    }

    private static string JwtForm(string assertion) =>
        $"grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion={assertion}&client_id=sim-client-id&client_secret=sim-client-secret";

    private string Assertion(RSA key, string? claim = null, string? value = null, string? audience = null)
    {
        var now = _clock.GetUtcNow().ToUnixTimeSeconds();
        var header = new Dictionary<string, object> { ["alg"] = "RS256", ["typ"] = "JWT", ["kid"] = App.PublicKeyId };
        var claims = new Dictionary<string, object>
        {
            ["iss"] = "sim-client-id",
            ["sub"] = "9348812",
            ["box_sub_type"] = "enterprise",
            ["aud"] = audience ?? new Uri(_simulator.BaseUrl, "oauth2/token").AbsoluteUri,
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["exp"] = now + 45,
        };
        if (claim == "kid")
        {
            header["kid"] = value!;
        }
        else if (claim == "exp")
        {
            claims["exp"] = now + long.Parse(value!, System.Globalization.CultureInfo.InvariantCulture);
        }
        else if (claim is not null)
        {
            claims[claim] = value!;
        }

        var input = $"{Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(header))}.{Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(claims))}";
        var signature = key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{input}.{Base64Url.EncodeToString(signature)}";
    }
}
