using AuditBridge.Events;
using AuditBridge.Formats;
using AuditBridge.Sinks;
using AuditBridge.Sinks.File;
using AuditBridge.TestKit;
using AuditBridge.TestKit.Sinks;
using Microsoft.Extensions.Logging.Abstractions;

namespace AuditBridge.Connectors.Tests.Sinks.File;

/// <summary>
/// The sink contract for files: CEF lines appended to a real file (fsync on), which holds each batch when the write
/// returns. The failing destination is a full disk (<c>/dev/full</c>, permanent).
/// </summary>
public sealed class FileSinkContractTests : SinkContractTests, IDisposable
{
    private static readonly IEventFormatter Cef = EventFormatters.Cef();
    private readonly TempDirectory _directory = TempDirectory.ForCaller();

    protected override DeliveryGuarantee Guarantee => DeliveryGuarantee.AtLeastOnce;

    protected override bool ReceivesSynchronously => true;

    private string OutputPath => _directory.Combine("audit.cef");

    public void Dispose() => _directory.Dispose();

    protected override Task<ISink> CreateSinkAsync() => Task.FromResult(Create(OutputPath));

    protected override string OnTheWire(AuditEvent auditEvent) => Cef.FormatToString(auditEvent) + "\n";

    protected override byte[] Received() => System.IO.File.Exists(OutputPath) ? System.IO.File.ReadAllBytes(OutputPath) : [];

    protected override Task<IReadOnlyList<SinkFailure>> CreateFailingSinksAsync() =>
        Task.FromResult<IReadOnlyList<SinkFailure>>([new SinkFailure(Create("/dev/full"), IsTransient: false)]);

    private static ISink Create(string path) =>
        FileSinkFactory.Create(new FileSinkOptions { Path = path }, Cef, TimeProvider.System, NullLogger.Instance);
}
