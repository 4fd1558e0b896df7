using AuditBridge.Secrets;
using AuditBridge.Simulators.Dropbox;
using AuditBridge.Sources;
using AuditBridge.Sources.Dropbox;
using AuditBridge.Sources.Http;
using AuditBridge.TestKit.Http;
using AuditBridge.TestKit.Secrets;
using AuditBridge.TestKit.Time;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging.Abstractions;

namespace AuditBridge.Connectors.Tests.Sources.Dropbox;

/// <summary>
/// What a Dropbox source says when the API or the token endpoint answers with its credentials in the body: every error
/// message quotes the body redacted before it is cut, with terminal control codes escaped.
/// </summary>
public sealed class DropboxErrorSecretsTests
{
    private const string AccessToken = "dbx-access-5Q2wN8rT1yU6iO3pA9sD4fG7hJ0kL";
    private const string RefreshToken = "dbx-refresh-Zx8Cv2Bn5Mq1Wf9Er4Ty7Ui3Op6As";
    private const string AppKey = "dbx-appkey-Hj4Kl7Zx1Cv8";
    private const string AppSecret = "dbx-appsecret-Qw3Er6Ty9Ui2";
    private static readonly DateTimeOffset Now = new(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, string> Secrets = new()
    {
        ["access token"] = AccessToken,
        ["refresh token"] = RefreshToken,
        ["app key"] = AppKey,
        ["app secret"] = AppSecret,
    };

    [Theory]
    [InlineData(400, true)]
    [InlineData(401, false)]
    [InlineData(403, true)]
    [InlineData(403, false)]
    [InlineData(409, false)]
    [InlineData(418, true)]
    [InlineData(500, true)]
    [InlineData(503, false)]
    public async Task ReadAsync_WhenTheApiEchoesTheTokenInItsError_TheMessageHoldsNoPieceOfItAndNoControlCode(int status, bool plainText)
    {
        await using var simulator = await StartAsync();
        simulator.Faults.Enqueue(DropboxFault.EchoCredentials(status, plainText) with { Route = DropboxRoute.GetEvents, Times = 10 });
        using var source = Create(simulator, new DropboxCredentials { AccessToken = new Secret(AccessToken, "env DROPBOX_ACCESS_TOKEN") });

        var failure = await Assert.ThrowsAsync<SourceException>(() => ReadAllAsync(source));

        SecretLeaks.AssertNone(Secrets, failure.Message, $"HTTP {status}");
        Assert.DoesNotContain('\u001b', failure.Message);
        Assert.DoesNotContain('\u0007', failure.Message);
    }

    [Theory]
    [InlineData(400, true)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(500, true)]
    public async Task ReadAsync_WhenTheTokenEndpointEchoesTheRefreshForm_TheMessageHoldsNoPieceOfAnyCredential(int status, bool plainText)
    {
        await using var simulator = await StartAsync();
        simulator.Faults.Enqueue(DropboxFault.EchoCredentials(status, plainText) with { Route = DropboxRoute.Token, Times = 10 });
        using var source = Create(simulator, RefreshCredentials());

        var failure = await Assert.ThrowsAsync<SourceException>(() => ReadAllAsync(source));

        SecretLeaks.AssertNone(Secrets, failure.Message, $"token endpoint HTTP {status}");
        Assert.DoesNotContain('\u001b', failure.Message);
    }

    [Theory]
    [InlineData(403)]
    [InlineData(500)]
    public async Task ReadAsync_WhenTheTokenStraddlesTheEndOfTheQuotedBody_NoPieceOfItIsShown(int status)
    {
        // 57 characters of padding put the token across the cut of the 120-character (5xx) and 300-character quotes.
        await using var simulator = await StartAsync();
        foreach (var padding in new[] { 90, 270 })
        {
            simulator.Faults.Enqueue(DropboxFault.Status(status, new string('x', padding) + " " + AccessToken + " end", "text/plain") with { Route = DropboxRoute.GetEvents, Times = 10 });
            using var source = Create(simulator, new DropboxCredentials { AccessToken = new Secret(AccessToken, "env DROPBOX_ACCESS_TOKEN") });

            var failure = await Assert.ThrowsAsync<SourceException>(() => ReadAllAsync(source));

            SecretLeaks.AssertNone(Secrets, failure.Message, $"HTTP {status} with {padding} characters before the token");
            simulator.Faults.Clear();
        }
    }

    [Fact]
    public async Task ReadAsync_WhenTheTokenEndpointRedirectsElsewhere_TheFormIsNotPostedThereAndTheFailureSaysWhy()
    {
        var foreign = 0;
        await using var elsewhere = await FakeSaasServer.StartAsync(app => app.Run(_ =>
            {
                Interlocked.Increment(ref foreign);
                return Task.CompletedTask;
            }), TestContext.Current.CancellationToken);
        await using var simulator = await StartAsync();
        simulator.Faults.Enqueue(DropboxFault.Redirect(307, elsewhere.BaseUrl) with { Route = DropboxRoute.Token });
        using var http = VendorHttp.CreateClient();
        using var source = Create(simulator, RefreshCredentials(), http);

        var failure = await Assert.ThrowsAsync<SourceException>(() => ReadAllAsync(source));

        Assert.Equal(0, foreign);
        Assert.False(failure.IsTransient);
        Assert.Contains("a redirect to", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Redirects are not followed", failure.Message, StringComparison.Ordinal);
        SecretLeaks.AssertNone(Secrets, failure.Message, "redirect");
    }

    [Fact]
    public async Task ReadAsync_WhenTheApiRedirectsElsewhere_TheBearerTokenIsNotSentThere()
    {
        string? authorization = null;
        await using var elsewhere = await FakeSaasServer.StartAsync(
            app => app.Run(context =>
            {
                authorization = context.Request.Headers.Authorization.ToString();
                return Task.CompletedTask;
            }),
            TestContext.Current.CancellationToken);
        await using var simulator = await StartAsync();
        simulator.Faults.Enqueue(DropboxFault.Redirect(308, elsewhere.BaseUrl) with { Route = DropboxRoute.GetEvents });
        using var http = VendorHttp.CreateClient();
        using var source = Create(simulator, new DropboxCredentials { AccessToken = new Secret(AccessToken, "env DROPBOX_ACCESS_TOKEN") }, http);

        var failure = await Assert.ThrowsAsync<SourceException>(() => ReadAllAsync(source));

        Assert.Null(authorization);
        Assert.Equal(SourceErrorKind.InvalidRequest, failure.Kind);
        SecretLeaks.AssertNone(Secrets, failure.Message, "redirect");
    }

    private static DropboxCredentials RefreshCredentials() => new()
    {
        RefreshToken = new Secret(RefreshToken, "env DROPBOX_REFRESH_TOKEN"),
        AppKey = new Secret(AppKey, "env DROPBOX_APP_KEY"),
        AppSecret = new Secret(AppSecret, "env DROPBOX_APP_SECRET"),
    };

    private static Task<DropboxSimulator> StartAsync() => DropboxSimulator.StartAsync(
        new DropboxSimulatorOptions { EventCount = 50, Seed = 3, AccessToken = AccessToken, RefreshToken = RefreshToken, AppKey = AppKey, AppSecret = AppSecret },
        new FakeTimeProvider(Now),
        TestContext.Current.CancellationToken);

    private static OwnedSource Create(DropboxSimulator simulator, DropboxCredentials credentials, HttpClient? http = null)
    {
        var owned = http is null ? new HttpClient() : null;
        var source = DropboxSourceFactory.Create(
            new DropboxSourceOptions { ApiUrl = simulator.BaseUrl, OAuthUrl = simulator.BaseUrl, Credentials = credentials, Http = new VendorHttpOptions { MaxAttempts = 2 } },
            http ?? owned!,
            static (_, _) => 5,
            new FakeTimeProvider(Now, autoAdvance: true),
            NullLoggerFactory.Instance,
            new SecretRedactor());
        return new OwnedSource(source, owned);
    }

    private static async Task ReadAllAsync(ISource source)
    {
        await foreach (var _ in source.ReadAsync(null, TestContext.Current.CancellationToken))
        {
        }
    }

    private sealed class OwnedSource(ISource inner, HttpClient? owned) : ISource, IDisposable
    {
        public IAsyncEnumerable<SourcePage> ReadAsync(Checkpoint? resumeFrom, CancellationToken cancellationToken) => inner.ReadAsync(resumeFrom, cancellationToken);

        public void Dispose()
        {
            (inner as IDisposable)?.Dispose();
            owned?.Dispose();
        }
    }
}
