using System.Runtime.CompilerServices;
using AuditBridge.Sources;
using AuditBridge.Sources.Dashlane;
using AuditBridge.TestKit;
using AuditBridge.TestKit.Dashlane;
using AuditBridge.TestKit.Sources;
using AuditBridge.TestKit.Time;

namespace AuditBridge.Connectors.Tests.Sources.Dashlane;

/// <summary>The source contract, against the fake dcli (a real child process on real pipes).</summary>
public sealed class DashlaneSourceContractTests : SourceContractTests
{
    // The fake's default history: 200 logs from 2024-05-01T00:00Z, one every 15 minutes; the window covers all of it.
    private static readonly DateTimeOffset Origin = new(2024, 5, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset End = Origin.AddHours(51);

    protected override Task<ISourceHarness> StartAsync() => Task.FromResult<ISourceHarness>(new Harness(TempDirectory.ForCaller()));

    private sealed class Harness : ISourceHarness
    {
        private readonly TempDirectory _directory;
        private readonly FakeDcli _fake;
        private readonly FakeTimeProvider _time = new(new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero));

        public Harness(TempDirectory directory)
        {
            _directory = directory;
            _fake = FakeDcli.Create(directory);
            ExpectedIds = [.. _fake.Between(Origin, End).Select(e => DashlaneEventMapper.IdPrefix + e.Uuid)];
        }

        public IReadOnlyCollection<string> ExpectedIds { get; }

        public ISource CreateSource() => new HealingSource(
            DashlaneTestSources.Create(new DashlaneSourceOptions { DcliPath = _fake.ExecutablePath, Environment = _fake.Environment, Start = Origin, End = End, PageSize = 50, Timeout = TimeSpan.FromSeconds(60) }, _time),
            () => _fake.Reconfigure(config => config with { Failure = null }));

        public void Inject(SourceFault fault) =>
            _fake.Reconfigure(config => config with { Failure = fault == SourceFault.Transient ? "network" : "server_rejected_keys" });

        public ValueTask DisposeAsync()
        {
            _directory.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>A dcli failure lasts for the one read it was injected for (the fake's configuration has no "once").</summary>
    private sealed class HealingSource(ISource inner, Action heal) : ISource
    {
        public async IAsyncEnumerable<SourcePage> ReadAsync(Checkpoint? resumeFrom, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            try
            {
                await foreach (var page in inner.ReadAsync(resumeFrom, cancellationToken))
                {
                    yield return page;
                }
            }
            finally
            {
                heal();
            }
        }
    }
}
