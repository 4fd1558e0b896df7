using System.Globalization;
using AuditBridge.Events;
using AuditBridge.Formats;
using AuditBridge.Secrets;
using AuditBridge.Sinks;
using AuditBridge.Sinks.Http;
using AuditBridge.TestKit.Receivers;
using AuditBridge.TestKit.Sinks;

namespace AuditBridge.Connectors.Tests.Sinks.Http;

/// <summary>
/// The sink contract for Splunk HEC: one event object per record, posted to a loopback collector that checks the
/// token as Splunk does. A token it refuses (HEC code 4) is permanent.
/// </summary>
public sealed class HecHttpSinkContractTests : SinkContractTests, IAsyncLifetime
{
    private const string Host = "collector-01";
    private const string TokenValue = "4f0c2d9a-6b1e-4c7d-9a35-e2b8d1f07c46";
    private static readonly IEventFormatter Json = EventFormatters.Json();
    private LoopbackHttpCollector _collector = null!;

    protected override DeliveryGuarantee Guarantee => DeliveryGuarantee.AtLeastOnce;

    protected override bool ReceivesSynchronously => true;

    public async ValueTask InitializeAsync()
    {
        _collector = await LoopbackHttpCollector.StartAsync(certificate: null, Token);
        _collector.HecToken = TokenValue;
    }

    public ValueTask DisposeAsync() => _collector.DisposeAsync();

    protected override Task<ISink> CreateSinkAsync() => Task.FromResult(Create(TokenValue));

    protected override string OnTheWire(AuditEvent auditEvent)
    {
        var milliseconds = auditEvent.Time.ToUnixTimeMilliseconds();
        return string.Create(
            CultureInfo.InvariantCulture,
            $$"""{"time":{{milliseconds / 1000}}.{{milliseconds % 1000:D3}},"host":"{{Host}}","source":"{{auditEvent.Source}}","sourcetype":"_json","event":{{Json.FormatToString(auditEvent)}}}""");
    }

    protected override byte[] Received() => [.. _collector.Requests.Where(r => r.Method == "POST").SelectMany(r => r.DecodedBody)];

    // The unavailable collector writes first and takes the queued 503; the refused token needs no queued answer.
    protected override Task<IReadOnlyList<SinkFailure>> CreateFailingSinksAsync()
    {
        _collector.Enqueue(new CollectorResponse(503));
        return Task.FromResult<IReadOnlyList<SinkFailure>>(
            [new SinkFailure(Create(TokenValue), IsTransient: true), new SinkFailure(Create("0b7e5a21-93c4-4f8d-a6e2-7d1c5b9f3a08"), IsTransient: false)]);
    }

    protected override Task<SinkStall?> CreateStalledSinkAsync()
    {
        _collector.Enqueue(CollectorResponse.Hanging);
        return Task.FromResult<SinkStall?>(new SinkStall(Create(TokenValue), Batch(), () => WaitUntilAsync(() => _collector.Requests.Count > 0, "the request")));
    }

    private ISink Create(string token) => HttpSinkFactory.Create(
        new HttpSinkOptions
        {
            Endpoint = _collector.BaseUrl.ToString(),
            Mode = HttpSinkMode.SplunkHec,
            Token = new Secret(token, "test"),
            Host = Host,

            // Fewer events per request than the suite's large batch, so that batch goes as several requests.
            MaxBatchEvents = LargeBatch / 3,
        },
        Json,
        TimeProvider.System);
}
