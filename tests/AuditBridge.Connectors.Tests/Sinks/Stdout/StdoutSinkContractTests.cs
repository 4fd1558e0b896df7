using AuditBridge.Events;
using AuditBridge.Formats;
using AuditBridge.Sinks;
using AuditBridge.Sinks.Stdout;
using AuditBridge.TestKit.Receivers;
using AuditBridge.TestKit.Sinks;

namespace AuditBridge.Connectors.Tests.Sinks.Stdout;

/// <summary>
/// The sink contract for standard output: CEF lines into a real pipe, as in <c>auditbridge pull | …</c>. A pipe whose
/// reader is gone (<c>| head</c> exited) fails every write, permanently.
/// </summary>
public sealed class StdoutSinkContractTests : SinkContractTests, IDisposable
{
    private static readonly IEventFormatter Cef = EventFormatters.Cef();
    private readonly PipeReceiver _pipe = PipeReceiver.Start();
    private readonly PipeReceiver _brokenPipe = PipeReceiver.WithoutReader();

    protected override DeliveryGuarantee Guarantee => DeliveryGuarantee.AtLeastOnce;

    protected override bool ReceivesSynchronously => false;

    public void Dispose()
    {
        _pipe.Dispose();
        _brokenPipe.Dispose();
    }

    protected override Task<ISink> CreateSinkAsync() => Task.FromResult(Create(_pipe.Writer));

    protected override string OnTheWire(AuditEvent auditEvent) => Cef.FormatToString(auditEvent) + "\n";

    protected override byte[] Received() => _pipe.Bytes;

    protected override Task<IReadOnlyList<SinkFailure>> CreateFailingSinksAsync() =>
        Task.FromResult<IReadOnlyList<SinkFailure>>([new SinkFailure(Create(_brokenPipe.Writer), IsTransient: false)]);

    private static ISink Create(Stream output) => StdoutSinkFactory.Create(new StdoutSinkOptions(), Cef, output);
}
