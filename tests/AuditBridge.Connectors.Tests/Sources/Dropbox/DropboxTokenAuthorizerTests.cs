using AuditBridge.Secrets;
using AuditBridge.Sources;
using AuditBridge.Sources.Dropbox;
using AuditBridge.Sources.OAuth;
using AuditBridge.TestKit.Http;
using AuditBridge.TestKit.Time;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace AuditBridge.Connectors.Tests.Sources.Dropbox;

public sealed class DropboxTokenAuthorizerTests
{
    private static readonly DateTimeOffset Start = new(2024, 5, 3, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AuthorizeAsync_WithRefreshToken_FetchesATokenWithSecretsInTheBodyNotTheUrl()
    {
        var issued = 0;
        await using var server = await TokenServer(() => $$"""{"access_token":"sl.token-{{Interlocked.Increment(ref issued)}}","token_type":"bearer","expires_in":14400}""");
        var redactor = new SecretRedactor();
        using var authorizer = Authorizer(server, new FakeTimeProvider(Start), redactor);
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1/");

        await authorizer.AuthorizeAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal("Bearer sl.token-1", request.Headers.Authorization!.ToString());
        var call = Assert.Single(server.Requests);
        Assert.Equal("/oauth2/token", call.PathAndQuery);
        Assert.Contains("grant_type=refresh_token", call.Body, StringComparison.Ordinal);
        Assert.Contains("refresh_token=the-refresh-token", call.Body, StringComparison.Ordinal);
        Assert.Contains("client_secret=the-app-secret", call.Body, StringComparison.Ordinal);
        Assert.Equal("issued ***", redactor.Redact("issued sl.token-1"));
    }

    [Fact]
    public async Task AuthorizeAsync_WhenTheIssuedTokenIsTooShortToBeRedacted_RefusesItAsAnInvalidAnswer()
    {
        await using var server = await TokenServer(() => """{"access_token":"abc1234","token_type":"bearer","expires_in":14400}""");
        using var authorizer = Authorizer(server, new FakeTimeProvider(Start, autoAdvance: true), new SecretRedactor());
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1/");

        var failure = await Assert.ThrowsAsync<SourceException>(() => authorizer.AuthorizeAsync(request, TestContext.Current.CancellationToken).AsTask());

        Assert.Equal(SourceErrorKind.InvalidResponse, failure.Kind);
        Assert.Contains("without a usable access_token (a string of at least 8 characters)", failure.Message, StringComparison.Ordinal);
        Assert.Null(request.Headers.Authorization);
    }

    // The token endpoint's answer is outside JSON too: a member name or a token without text is an invalid answer, not a crash.
    [Theory]
    [InlineData("""{"\ud800 a member name longer than access_token":1,"access_token":"sl.token-ok-1","expires_in":600}""", true)]
    [InlineData("""{"access_token":"sl.token-\ud800-no-text","expires_in":600}""", false)]
    public async Task AuthorizeAsync_WhenTheTokenAnswerHoldsLoneSurrogates_ReadsTheTokenOrRefusesTheAnswer(string body, bool usable)
    {
        await using var server = await TokenServer(() => body);
        using var authorizer = Authorizer(server, new FakeTimeProvider(Start, autoAdvance: true), new SecretRedactor());
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1/");

        if (usable)
        {
            await authorizer.AuthorizeAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal("Bearer sl.token-ok-1", request.Headers.Authorization!.ToString());
            return;
        }

        var failure = await Assert.ThrowsAsync<SourceException>(() => authorizer.AuthorizeAsync(request, TestContext.Current.CancellationToken).AsTask());
        Assert.Equal(SourceErrorKind.InvalidResponse, failure.Kind);
    }

    [Fact]
    public async Task AuthorizeAsync_WhenFewerThanFiveMinutesRemain_RefreshesBeforeUse()
    {
        var issued = 0;
        await using var server = await TokenServer(() => $$"""{"access_token":"sl.token-{{Interlocked.Increment(ref issued)}}","token_type":"bearer","expires_in":600}""");
        var time = new FakeTimeProvider(Start);
        using var authorizer = Authorizer(server, time, new SecretRedactor());
        using var first = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1/");
        using var second = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1/");
        using var third = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1/");

        await authorizer.AuthorizeAsync(first, TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromMinutes(4));
        await authorizer.AuthorizeAsync(second, TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromMinutes(2));
        await authorizer.AuthorizeAsync(third, TestContext.Current.CancellationToken);

        Assert.Equal("Bearer sl.token-1", second.Headers.Authorization!.ToString());
        Assert.Equal("Bearer sl.token-2", third.Headers.Authorization!.ToString());
    }

    // The five minutes ahead are capped at half the lifetime (the one authorizer's rule): a token that lives four minutes
    // is used for two, not refreshed before every request.
    [Fact]
    public async Task AuthorizeAsync_WhenTheTokenLivesLessThanTwiceTheMargin_RenewsAtHalfItsLifetime()
    {
        var issued = 0;
        await using var server = await TokenServer(() => $$"""{"access_token":"sl.token-{{Interlocked.Increment(ref issued)}}","token_type":"bearer","expires_in":240}""");
        var time = new FakeTimeProvider(Start);
        using var authorizer = Authorizer(server, time, new SecretRedactor());
        using var first = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1/");
        using var second = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1/");
        using var third = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1/");

        await authorizer.AuthorizeAsync(first, TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromMinutes(1));
        await authorizer.AuthorizeAsync(second, TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        await authorizer.AuthorizeAsync(third, TestContext.Current.CancellationToken);

        Assert.Equal("Bearer sl.token-1", second.Headers.Authorization!.ToString());
        Assert.Equal("Bearer sl.token-2", third.Headers.Authorization!.ToString());
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task AuthorizeAsync_WhenTheRefreshTokenIsRevoked_FailsPermanentlyNamingTheFix()
    {
        await using var server = await FakeSaasServer.StartAsync(
            app => app.MapPost("/oauth2/token", () => Results.Json(new { error = "invalid_grant", error_description = "refresh token is invalid or revoked" }, statusCode: 400)),
            TestContext.Current.CancellationToken);
        using var authorizer = Authorizer(server, new FakeTimeProvider(Start), new SecretRedactor());
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1/");

        var failure = await Assert.ThrowsAsync<SourceException>(() => authorizer.AuthorizeAsync(request, TestContext.Current.CancellationToken).AsTask());

        Assert.Equal(SourceErrorKind.Authentication, failure.Kind);
        Assert.False(failure.IsTransient);
        Assert.Contains("DROPBOX_REFRESH_TOKEN", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("the-refresh-token", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthorizeAsync_WithAFixedToken_NeverCallsTheTokenEndpoint()
    {
        await using var server = await TokenServer(() => "{}");
        var options = new DropboxSourceOptions { OAuthUrl = server.BaseUrl, Credentials = new DropboxCredentials { AccessToken = new Secret("fixed-token", "test") } };
        using var authorizer = new TokenAuthorizer(DropboxAuthorization.Policy(options), new HttpClient(), options.Http, new FakeTimeProvider(Start), new SecretRedactor(), NullLogger.Instance);
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1/");

        await authorizer.AuthorizeAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal("Bearer fixed-token", request.Headers.Authorization!.ToString());
        Assert.Empty(server.Requests);
    }

    private static Task<FakeSaasServer> TokenServer(Func<string> body) => FakeSaasServer.StartAsync(
        app => app.MapPost("/oauth2/token", () => Results.Content(body(), "application/json")),
        TestContext.Current.CancellationToken);

    private static TokenAuthorizer Authorizer(FakeSaasServer server, TimeProvider time, SecretRedactor redactor)
    {
        var options = new DropboxSourceOptions
        {
            OAuthUrl = server.BaseUrl,
            Credentials = new DropboxCredentials
            {
                RefreshToken = new Secret("the-refresh-token", "test"),
                AppKey = new Secret("the-app-key", "test"),
                AppSecret = new Secret("the-app-secret", "test"),
            },
        };
        return new TokenAuthorizer(DropboxAuthorization.Policy(options), new HttpClient(), options.Http, time, redactor, NullLogger.Instance);
    }
}
