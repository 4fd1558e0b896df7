using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AuditBridge.Secrets;
using AuditBridge.Simulators.Box;
using AuditBridge.Sources;
using AuditBridge.Sources.Box;
using AuditBridge.Sources.OAuth;
using AuditBridge.TestKit.Http;
using AuditBridge.TestKit.Time;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging.Abstractions;

namespace AuditBridge.Connectors.Tests.Sources.Box;

public sealed class BoxTokenAuthorizerTests
{
    private static readonly DateTimeOffset Start = new(2024, 5, 3, 10, 0, 0, TimeSpan.Zero);
    private static readonly BoxJwtApp App = BoxJwtApp.Create();

    [Fact]
    public async Task AuthorizeAsync_WithClientCredentials_AsksForAnEnterpriseTokenWithSecretsInTheBody()
    {
        await using var server = await TokenServer(3911);
        var redactor = new SecretRedactor();
        using var authorizer = Authorizer(server, ClientCredentials(), new FakeTimeProvider(Start), redactor);
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1/");

        await authorizer.AuthorizeAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal("Bearer box-token-1", request.Headers.Authorization!.ToString());
        var call = Assert.Single(server.Requests);
        Assert.Equal("/oauth2/token", call.PathAndQuery);
        var form = QueryHelpers.ParseQuery(call.Body);
        Assert.Equal("client_credentials", form["grant_type"]);
        Assert.Equal("the-client-id", form["client_id"]);
        Assert.Equal("the-client-secret", form["client_secret"]);
        Assert.Equal("enterprise", form["box_subject_type"]);
        Assert.Equal("9348812", form["box_subject_id"]);
        Assert.Equal("issued ***", redactor.Redact("issued box-token-1"));
    }

    [Fact]
    public async Task AuthorizeAsync_ShortlyBeforeTheTokenExpires_AsksForANewOne()
    {
        await using var server = await TokenServer(600);
        var time = new FakeTimeProvider(Start);
        using var authorizer = Authorizer(server, ClientCredentials(), time, new SecretRedactor());
        using var first = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1/");
        using var second = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1/");
        using var third = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1/");

        await authorizer.AuthorizeAsync(first, TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromMinutes(7));
        await authorizer.AuthorizeAsync(second, TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        await authorizer.AuthorizeAsync(third, TestContext.Current.CancellationToken);

        Assert.Equal("Bearer box-token-1", second.Headers.Authorization!.ToString());
        Assert.Equal("Bearer box-token-2", third.Headers.Authorization!.ToString());
    }

    [Fact]
    public async Task AuthorizeAsync_WithJwt_SendsAnRs256AssertionTheAppsPublicKeyVerifies()
    {
        await using var server = await TokenServer(3600);
        var settings = BoxAppConfig.Parse(Encoding.UTF8.GetBytes(App.ConfigJson("jwt-client", "jwt-secret", "9348812")), "config.json", null);
        using var authorizer = Authorizer(server, BoxCredentials.FromJwt(settings), new FakeTimeProvider(Start), new SecretRedactor());
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1/");

        await authorizer.AuthorizeAsync(request, TestContext.Current.CancellationToken);

        var form = QueryHelpers.ParseQuery(Assert.Single(server.Requests).Body);
        Assert.Equal("urn:ietf:params:oauth:grant-type:jwt-bearer", form["grant_type"]);
        Assert.Equal("jwt-client", form["client_id"]);
        Assert.Equal("jwt-secret", form["client_secret"]);
        var parts = form["assertion"].ToString().Split('.');
        using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
        using var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
        Assert.Equal("RS256", header.RootElement.GetProperty("alg").GetString());
        Assert.Equal(App.PublicKeyId, header.RootElement.GetProperty("kid").GetString());
        Assert.Equal("jwt-client", claims.RootElement.GetProperty("iss").GetString());
        Assert.Equal("9348812", claims.RootElement.GetProperty("sub").GetString());
        Assert.Equal("enterprise", claims.RootElement.GetProperty("box_sub_type").GetString());
        Assert.Equal(new Uri(server.BaseUrl, "oauth2/token").AbsoluteUri, claims.RootElement.GetProperty("aud").GetString());
        Assert.InRange(claims.RootElement.GetProperty("jti").GetString()!.Length, 16, 128);
        Assert.InRange(claims.RootElement.GetProperty("exp").GetInt64(), Start.ToUnixTimeSeconds() + 1, Start.ToUnixTimeSeconds() + 60);
        Assert.DoesNotContain('=', form["assertion"].ToString());
        using var publicKey = RSA.Create();
        publicKey.ImportFromPem(App.PublicKeyPem);
        Assert.True(publicKey.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public async Task AuthorizeAsync_WhenBoxRefusesTheGrant_FailsPermanentlyNamingWhereTheCredentialsCameFrom()
    {
        await using var server = await FakeSaasServer.StartAsync(
            app => app.MapPost("/oauth2/token", () => Results.Json(new { error = "invalid_grant", error_description = "Grant credentials are invalid" }, statusCode: 400)),
            TestContext.Current.CancellationToken);
        using var authorizer = Authorizer(server, ClientCredentials(), new FakeTimeProvider(Start), new SecretRedactor());
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1/");

        var failure = await Assert.ThrowsAsync<SourceException>(() => authorizer.AuthorizeAsync(request, TestContext.Current.CancellationToken).AsTask());

        Assert.Equal(SourceErrorKind.Authentication, failure.Kind);
        Assert.False(failure.IsTransient);
        Assert.Contains("env BOX_ENTERPRISE_ID", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Grant credentials are invalid", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("the-client-secret", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthorizeAsync_WithADeveloperToken_NeverCallsTheTokenEndpoint()
    {
        await using var server = await TokenServer(3600);
        using var authorizer = Authorizer(server, BoxCredentials.FromDeveloperToken(new Secret("developer-token", "test")), new FakeTimeProvider(Start), new SecretRedactor());
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1/");

        await authorizer.AuthorizeAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal("Bearer developer-token", request.Headers.Authorization!.ToString());
        Assert.Empty(server.Requests);
    }

    private static BoxCredentials ClientCredentials() => BoxCredentials.ClientCredentials(
        new Secret("the-client-id", "env BOX_CLIENT_ID"),
        new Secret("the-client-secret", "env BOX_CLIENT_SECRET"),
        Secret.Identifier("9348812", "env BOX_ENTERPRISE_ID"));

    private static Task<FakeSaasServer> TokenServer(int expiresIn)
    {
        var issued = 0;
        return FakeSaasServer.StartAsync(
            app => app.MapPost("/oauth2/token", () => Results.Content($$"""{"access_token":"box-token-{{Interlocked.Increment(ref issued)}}","expires_in":{{expiresIn}},"restricted_to":[],"token_type":"bearer"}""", "application/json")),
            TestContext.Current.CancellationToken);
    }

    private static TokenAuthorizer Authorizer(FakeSaasServer server, BoxCredentials credentials, TimeProvider time, SecretRedactor redactor)
    {
        var options = new BoxSourceOptions { OAuthUrl = server.BaseUrl, Credentials = credentials };
        return new TokenAuthorizer(BoxAuthorization.Policy(options), new HttpClient(), options.Http, time, redactor, NullLogger.Instance);
    }
}
