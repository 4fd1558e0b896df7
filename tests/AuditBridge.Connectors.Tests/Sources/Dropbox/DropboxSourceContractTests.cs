using System.Text.Json;
using AuditBridge.Secrets;
using AuditBridge.Simulators.Dropbox;
using AuditBridge.Sources;
using AuditBridge.Sources.Dropbox;
using AuditBridge.Sources.Http;
using AuditBridge.TestKit.Sources;
using AuditBridge.TestKit.Time;
using Microsoft.Extensions.Logging.Abstractions;

namespace AuditBridge.Connectors.Tests.Sources.Dropbox;

/// <summary>The source contract, against the Dropbox simulator.</summary>
public sealed class DropboxSourceContractTests : SourceContractTests
{
    private static readonly DateTimeOffset Now = new(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);

    protected override async Task<ISourceHarness> StartAsync() =>
        new Harness(await DropboxSimulator.StartAsync(new DropboxSimulatorOptions { EventCount = 700, Seed = 11 }, new FakeTimeProvider(Now), Token));

    private sealed class Harness(DropboxSimulator simulator) : ISourceHarness
    {
        private const int Attempts = 2;

        public IReadOnlyCollection<string> ExpectedIds { get; } = [.. simulator.Events.GetMatchingIndexes(new DropboxEventQuery()).Select(index =>
        {
            using var document = JsonDocument.Parse(simulator.Events.GetEventJson(index));
            return DropboxEventMapper.ContentId(document.RootElement);
        })];

        public ISource CreateSource() => DropboxSourceFactory.Create(
            new DropboxSourceOptions
            {
                ApiUrl = simulator.BaseUrl,
                OAuthUrl = simulator.BaseUrl,
                Credentials = new DropboxCredentials { AccessToken = new Secret("sim-access-token", "test") },
                Query = new DropboxQuery { Limit = 200 },
                Http = new VendorHttpOptions { MaxAttempts = Attempts },
            },
            new HttpClient(),
            static (_, _) => 5,
            new FakeTimeProvider(Now, autoAdvance: true),
            NullLoggerFactory.Instance,
            new SecretRedactor(),
            new Random(5));

        public void Inject(SourceFault fault) => simulator.Faults.Enqueue(fault == SourceFault.Transient
            ? DropboxFault.ServerError(503) with { Times = Attempts }
            : DropboxFault.Status(401, """{"error_summary":"invalid_access_token/","error":{".tag":"invalid_access_token"}}""", "application/json"));

        public ValueTask DisposeAsync() => simulator.DisposeAsync();
    }
}
