using System.Text;
using AuditBridge.Secrets;
using AuditBridge.Simulators.Box;
using AuditBridge.Sources;
using AuditBridge.Sources.Box;
using AuditBridge.Sources.Http;
using AuditBridge.TestKit.Secrets;
using AuditBridge.TestKit.Time;
using Microsoft.Extensions.Logging.Abstractions;

namespace AuditBridge.Connectors.Tests.Sources.Box;

/// <summary>
/// What a Box source says when the events API or the token endpoint answers with its credentials in the body: every
/// error message quotes it redacted before it is cut, with terminal control codes escaped.
/// </summary>
public sealed class BoxErrorSecretsTests
{
    private const string ClientId = "box-client-Rt5Yu8Io2Pa6";
    private const string ClientSecret = "box-secret-Gh3Jk7Lz1Xc9Vb4N";
    private const string EnterpriseId = "8200413377";
    private static readonly DateTimeOffset Now = new(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly BoxJwtApp App = BoxJwtApp.Create(passphrase: "box-passphrase-Mn4Bv8Cx2Zq");

    [Theory]
    [InlineData(400, false)]
    [InlineData(401, true)]
    [InlineData(403, false)]
    [InlineData(404, true)]
    [InlineData(500, false)]
    public async Task ReadAsync_WhenTheEventsApiEchoesTheIssuedToken_TheMessageHoldsNoPieceOfIt(int status, bool plainText)
    {
        await using var simulator = await StartAsync();
        simulator.Faults.Enqueue(BoxFault.EchoCredentials(status, plainText) with { Route = BoxRoute.Events, Times = 10 });
        using var source = Create(simulator, BoxCredentials.ClientCredentials(new Secret(ClientId, "env BOX_CLIENT_ID"), new Secret(ClientSecret, "env BOX_CLIENT_SECRET"), Secret.Identifier(EnterpriseId, "env BOX_ENTERPRISE_ID")));

        var failure = await Assert.ThrowsAsync<SourceException>(() => ReadAllAsync(source));

        var issued = simulator.Requests.Last(r => r.Path == "/2.0/events").Headers["Authorization"]["Bearer ".Length..];
        SecretLeaks.AssertNone(Secrets(("issued token", issued)), failure.Message, $"HTTP {status}");
        Assert.DoesNotContain('\u001b', failure.Message);
    }

    [Theory]
    [InlineData(400, false)]
    [InlineData(400, true)]
    [InlineData(401, false)]
    [InlineData(503, true)]
    public async Task ReadAsync_WhenTheTokenEndpointEchoesTheClientCredentialsForm_TheMessageHoldsNoPieceOfThem(int status, bool plainText)
    {
        await using var simulator = await StartAsync();
        simulator.Faults.Enqueue(BoxFault.EchoCredentials(status, plainText) with { Route = BoxRoute.Token, Times = 10 });
        using var source = Create(simulator, BoxCredentials.ClientCredentials(new Secret(ClientId, "env BOX_CLIENT_ID"), new Secret(ClientSecret, "env BOX_CLIENT_SECRET"), Secret.Identifier(EnterpriseId, "env BOX_ENTERPRISE_ID")));

        var failure = await Assert.ThrowsAsync<SourceException>(() => ReadAllAsync(source));

        SecretLeaks.AssertNone(Secrets(), failure.Message, $"token endpoint HTTP {status}");
        Assert.DoesNotContain('\u001b', failure.Message);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    public async Task ReadAsync_WhenTheTokenEndpointEchoesAJwtGrant_TheMessageHoldsNoPieceOfTheAppsSecrets(int status)
    {
        await using var simulator = await StartAsync();
        simulator.Faults.Enqueue(BoxFault.EchoCredentials(status) with { Route = BoxRoute.Token, Times = 10 });
        var settings = BoxAppConfig.Parse(Encoding.UTF8.GetBytes(App.ConfigJson(ClientId, ClientSecret, EnterpriseId)), "config.json", null);
        using var source = Create(simulator, BoxCredentials.FromJwt(settings));

        var failure = await Assert.ThrowsAsync<SourceException>(() => ReadAllAsync(source));

        SecretLeaks.AssertNone(Secrets(("private key", App.EncryptedPrivateKeyPem), ("passphrase", App.Passphrase)), failure.Message, $"JWT token endpoint HTTP {status}");
    }

    private static Dictionary<string, string> Secrets(params (string Name, string Value)[] more)
    {
        var secrets = new Dictionary<string, string> { ["client id"] = ClientId, ["client secret"] = ClientSecret, ["enterprise id"] = EnterpriseId };
        foreach (var (name, value) in more)
        {
            secrets[name] = value;
        }

        return secrets;
    }

    private static Task<BoxSimulator> StartAsync() => BoxSimulator.StartAsync(
        new BoxSimulatorOptions { EventCount = 50, Seed = 4, ClientId = ClientId, ClientSecret = ClientSecret, EnterpriseId = EnterpriseId, JwtPublicKey = App.PublicKeyPem, JwtPublicKeyId = App.PublicKeyId },
        new FakeTimeProvider(Now),
        TestContext.Current.CancellationToken);

    private static OwnedSource Create(BoxSimulator simulator, BoxCredentials credentials) => new(BoxSourceFactory.Create(
        new BoxSourceOptions { ApiUrl = simulator.BaseUrl, OAuthUrl = simulator.BaseUrl, Credentials = credentials, Http = new VendorHttpOptions { MaxAttempts = 2 } },
        new HttpClient(),
        static (_, _) => 5,
        new FakeTimeProvider(Now, autoAdvance: true),
        NullLoggerFactory.Instance,
        new SecretRedactor()));

    private static async Task ReadAllAsync(ISource source)
    {
        await foreach (var _ in source.ReadAsync(null, TestContext.Current.CancellationToken))
        {
        }
    }

    private sealed class OwnedSource(ISource inner) : ISource, IDisposable
    {
        public IAsyncEnumerable<SourcePage> ReadAsync(Checkpoint? resumeFrom, CancellationToken cancellationToken) => inner.ReadAsync(resumeFrom, cancellationToken);

        public void Dispose() => (inner as IDisposable)?.Dispose();
    }
}
