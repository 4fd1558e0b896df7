using AuditBridge.Secrets;
using AuditBridge.Simulators.Box;
using AuditBridge.Sources;
using AuditBridge.Sources.Box;
using AuditBridge.Sources.Http;
using AuditBridge.TestKit.Sources;
using AuditBridge.TestKit.Time;
using Microsoft.Extensions.Logging.Abstractions;

namespace AuditBridge.Connectors.Tests.Sources.Box;

/// <summary>The source contract, against the Box simulator (admin_logs).</summary>
public sealed class BoxSourceContractTests : SourceContractTests
{
    private static readonly DateTimeOffset Now = new(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);

    protected override async Task<ISourceHarness> StartAsync() =>
        new Harness(await BoxSimulator.StartAsync(new BoxSimulatorOptions { EventCount = 700, Seed = 11 }, new FakeTimeProvider(Now), Token));

    private sealed class Harness(BoxSimulator simulator) : ISourceHarness
    {
        private const int Attempts = 2;

        public IReadOnlyCollection<string> ExpectedIds { get; } = [.. simulator.Events.GetMatchingIndexes(new BoxEventQuery()).Select(simulator.Events.GetEventId)];

        public ISource CreateSource() => BoxSourceFactory.Create(
            new BoxSourceOptions
            {
                ApiUrl = simulator.BaseUrl,
                OAuthUrl = simulator.BaseUrl,
                Credentials = BoxCredentials.FromDeveloperToken(new Secret("sim-developer-token", "env BOX_DEVELOPER_TOKEN")),
                Limit = 200,
                Http = new VendorHttpOptions { MaxAttempts = Attempts },
            },
            new HttpClient(),
            static (_, _) => 5,
            new FakeTimeProvider(Now, autoAdvance: true),
            NullLoggerFactory.Instance,
            new SecretRedactor(),
            new Random(5));

        public void Inject(SourceFault fault) => simulator.Faults.Enqueue(fault == SourceFault.Transient
            ? BoxFault.ServerError(503) with { Times = Attempts }
            : BoxFault.Status(401, string.Empty, "text/plain"));

        public ValueTask DisposeAsync() => simulator.DisposeAsync();
    }
}
