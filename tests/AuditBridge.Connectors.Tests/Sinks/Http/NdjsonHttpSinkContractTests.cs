using AuditBridge.Events;
using AuditBridge.Formats;
using AuditBridge.Sinks;
using AuditBridge.Sinks.Http;
using AuditBridge.TestKit.Receivers;
using AuditBridge.TestKit.Sinks;

namespace AuditBridge.Connectors.Tests.Sinks.Http;

/// <summary>
/// The sink contract for an NDJSON webhook: JSON lines posted to a loopback collector, which has the body before it
/// answers 2xx. A 503 is transient; a request that is never answered is what a cancelled write waits on.
/// </summary>
public sealed class NdjsonHttpSinkContractTests : SinkContractTests, IAsyncLifetime
{
    private static readonly IEventFormatter Json = EventFormatters.Json();
    private LoopbackHttpCollector _collector = null!;

    protected override DeliveryGuarantee Guarantee => DeliveryGuarantee.AtLeastOnce;

    protected override bool ReceivesSynchronously => true;

    public async ValueTask InitializeAsync() => _collector = await LoopbackHttpCollector.StartAsync(certificate: null, Token);

    public ValueTask DisposeAsync() => _collector.DisposeAsync();

    protected override Task<ISink> CreateSinkAsync() => Task.FromResult(Create());

    protected override string OnTheWire(AuditEvent auditEvent) => Json.FormatToString(auditEvent) + "\n";

    protected override byte[] Received() => [.. _collector.Requests.Where(r => r.Method == "POST").SelectMany(r => r.DecodedBody)];

    // The sinks write in this order, each taking the next queued answer.
    protected override Task<IReadOnlyList<SinkFailure>> CreateFailingSinksAsync()
    {
        _collector.Enqueue(new CollectorResponse(503));
        _collector.Enqueue(new CollectorResponse(401));
        return Task.FromResult<IReadOnlyList<SinkFailure>>([new SinkFailure(Create(), IsTransient: true), new SinkFailure(Create(), IsTransient: false)]);
    }

    protected override Task<SinkStall?> CreateStalledSinkAsync()
    {
        _collector.Enqueue(CollectorResponse.Hanging);
        return Task.FromResult<SinkStall?>(new SinkStall(Create(), Batch(), () => WaitUntilAsync(() => _collector.Requests.Count > 0, "the request")));
    }

    // Fewer events per request than the suite's large batch, so that batch goes as several requests.
    private ISink Create() => HttpSinkFactory.Create(
        new HttpSinkOptions { Endpoint = new Uri(_collector.BaseUrl, "ingest").ToString(), MaxBatchEvents = LargeBatch / 3 },
        Json,
        TimeProvider.System);
}
