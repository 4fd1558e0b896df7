using System.Text;
using AuditBridge.Events;
using AuditBridge.Framing;
using AuditBridge.Sinks;
using AuditBridge.Sinks.Syslog;
using AuditBridge.TestKit;
using AuditBridge.TestKit.Receivers;
using AuditBridge.TestKit.Time;

namespace AuditBridge.Connectors.Tests.Sinks.Syslog;

public sealed class TcpSyslogSinkTests
{
    private const string Host = "collector-01";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly TestCefFormatter _formatter = new();

    [Fact]
    public async Task WriteAsync_Rfc5424WithOctetCounting_PutsHeaderRecordAndFrameOnTheWire()
    {
        await using var receiver = LoopbackTcpReceiver.Start();
        await using var sink = Create(receiver.Endpoint);
        IReadOnlyList<AuditEvent> batch = [Some.Event(severity: 3), Some.Event(severity: 7)];
        var expected = string.Concat(batch.Select(e => SyslogText.OctetCounted(SyslogText.Rfc5424(e, _formatter.FormatToString(e), Host))));

        await sink.WriteAsync(batch, TestContext.Current.CancellationToken);

        await receiver.WaitForRecordsAsync(2, Timeout, TestContext.Current.CancellationToken);
        Assert.Equal(expected, Encoding.UTF8.GetString(receiver.RawBytes));
    }

    [Fact]
    public async Task WriteAsync_Rfc3164WithNewlineFraming_PutsCefInTheTagSlotAndEndsEachRecordWithLf()
    {
        await using var receiver = LoopbackTcpReceiver.Start(LoopbackFraming.Newline);
        await using var sink = Create(receiver.Endpoint, o =>
        {
            o.HeaderFormat = SyslogHeaderFormat.Rfc3164;
            o.Framing = FramingMethod.Newline;
        });
        var auditEvent = Some.Event(severity: 9, time: new DateTimeOffset(2024, 11, 2, 3, 4, 5, TimeSpan.Zero));

        await sink.WriteAsync([auditEvent], TestContext.Current.CancellationToken);

        await receiver.WaitForRecordsAsync(1, Timeout, TestContext.Current.CancellationToken);
        Assert.Equal($"<162>Nov  2 03:04:05 {Host} {_formatter.FormatToString(auditEvent)}\n", Encoding.UTF8.GetString(receiver.RawBytes));
    }

    [Fact]
    public async Task WriteAsync_WithHostileAndNonAsciiValues_DeliversEachRecordWhole()
    {
        await using var receiver = LoopbackTcpReceiver.Start();
        await using var sink = Create(receiver.Endpoint);
        var batch = Some.HostileStrings.Select(s => Some.Event(actor: new Principal(PrincipalKind.User, Email: s))).ToList();

        await sink.WriteAsync(batch, TestContext.Current.CancellationToken);

        var records = await receiver.WaitForRecordsAsync(batch.Count, Timeout, TestContext.Current.CancellationToken);
        Assert.Equal(batch.Select(e => SyslogText.Rfc5424(e, _formatter.FormatToString(e), Host)), records.Select(r => Encoding.UTF8.GetString(r)));
        Assert.Empty(receiver.Errors);
    }

    [Fact]
    public async Task WriteAsync_WhenCompleted_HasCountedEveryRecordWithItsFramedBytes()
    {
        await using var receiver = LoopbackTcpReceiver.Start();
        await using var sink = Create(receiver.Endpoint);
        var batch = Enumerable.Range(0, 50).Select(_ => Some.Event()).ToList();

        await sink.WriteAsync(batch, TestContext.Current.CancellationToken);

        await receiver.WaitForRecordsAsync(50, Timeout, TestContext.Current.CancellationToken);
        Assert.Equal(50, sink.Statistics.Records);
        Assert.Equal(receiver.RawBytes.Length, sink.Statistics.Bytes);
        Assert.Equal(0, sink.Statistics.Shortened);
        Assert.Equal(DeliveryGuarantee.AtLeastOnce, sink.Guarantee);
    }

    [Fact]
    public async Task WriteAsync_SeveralBatches_UsesOneConnection()
    {
        await using var receiver = LoopbackTcpReceiver.Start();
        await using var sink = Create(receiver.Endpoint);

        for (var i = 0; i < 3; i++)
        {
            await sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken);
        }

        await receiver.WaitForRecordsAsync(3, Timeout, TestContext.Current.CancellationToken);
        Assert.Equal(1, receiver.ConnectionsAccepted);
    }

    [Fact]
    public async Task WriteAsync_WhenRecordExceedsMaxMessageBytes_ShortensItAndCountsIt()
    {
        await using var receiver = LoopbackTcpReceiver.Start();
        await using var sink = Create(receiver.Endpoint, o => o.MaxMessageBytes = 600);
        var auditEvent = Some.Event(actor: new Principal(PrincipalKind.User, Email: new string('x', 5000)));

        await sink.WriteAsync([auditEvent], TestContext.Current.CancellationToken);

        var records = await receiver.WaitForRecordsAsync(1, Timeout, TestContext.Current.CancellationToken);
        Assert.Equal(600, records[0].Length);
        Assert.EndsWith(TestCefFormatter.Marker, Encoding.UTF8.GetString(records[0]), StringComparison.Ordinal);
        Assert.Equal(1, sink.Statistics.Shortened);
    }

    [Fact]
    public async Task WriteAsync_WhenReceiverClosedTheIdleConnection_ReconnectsAndDeliversTheBatch()
    {
        await using var receiver = LoopbackTcpReceiver.Start();
        await using var sink = Create(receiver.Endpoint);
        await sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken);
        await receiver.WaitForRecordsAsync(1, Timeout, TestContext.Current.CancellationToken);
        receiver.DropConnections();

        await sink.WriteAsync([Some.Event(), Some.Event()], TestContext.Current.CancellationToken);

        await receiver.WaitForRecordsAsync(3, Timeout, TestContext.Current.CancellationToken);
        Assert.Equal(2, receiver.ConnectionsAccepted);
        Assert.Empty(receiver.Errors);
    }

    [Fact]
    public async Task WriteAsync_WhenReceiverResetTheConnection_ReconnectsAndDeliversTheBatch()
    {
        await using var receiver = LoopbackTcpReceiver.Start();
        await using var sink = Create(receiver.Endpoint);
        await sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken);
        await receiver.WaitForRecordsAsync(1, Timeout, TestContext.Current.CancellationToken);
        receiver.ResetConnections();

        await sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken);

        await receiver.WaitForRecordsAsync(2, Timeout, TestContext.Current.CancellationToken);
        Assert.Equal(2, receiver.ConnectionsAccepted);
    }

    [Fact]
    public async Task WriteAsync_WhenReceiverDropsConnectionAndRefuses_ThrowsTransientSinkExceptionThenRecoversOnTheNextBatch()
    {
        await using var receiver = LoopbackTcpReceiver.Start();
        await using var sink = Create(receiver.Endpoint);
        await sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken);
        await receiver.WaitForRecordsAsync(1, Timeout, TestContext.Current.CancellationToken);
        receiver.StopListening();
        receiver.DropConnections();
        IReadOnlyList<AuditEvent> batch = [Some.Event(), Some.Event()];

        var error = await Assert.ThrowsAsync<SinkException>(() => sink.WriteAsync(batch, TestContext.Current.CancellationToken).AsTask());
        receiver.StartListening();
        await sink.WriteAsync(batch, TestContext.Current.CancellationToken);

        Assert.True(error.IsTransient);
        Assert.Contains(receiver.Endpoint, error.Message, StringComparison.Ordinal);
        Assert.Contains("ConnectionRefused", error.Message, StringComparison.Ordinal);
        var records = await receiver.WaitForRecordsAsync(3, Timeout, TestContext.Current.CancellationToken);
        Assert.Equal(
            batch.Select(e => SyslogText.Rfc5424(e, _formatter.FormatToString(e), Host)),
            records.Skip(1).Select(r => Encoding.UTF8.GetString(r)));
        Assert.Equal(3, sink.Statistics.Records);
    }

    [Fact]
    public async Task WriteAsync_WhenNothingListens_ThrowsTransientSinkException()
    {
        var receiver = LoopbackTcpReceiver.Start();
        var endpoint = receiver.Endpoint;
        await receiver.DisposeAsync();
        await using var sink = Create(endpoint);

        var error = await Assert.ThrowsAsync<SinkException>(() => sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken).AsTask());

        Assert.True(error.IsTransient);
        Assert.Equal(0, sink.Statistics.Records);
    }

    [Fact]
    public async Task WriteAsync_WhenReceiverStopsReading_TimesOutWithTransientSinkExceptionAndReconnectsAfterwards()
    {
        var time = new FakeTimeProvider(Some.Instant);
        await using var receiver = LoopbackTcpReceiver.Start();
        await using var sink = Create(receiver.Endpoint, o => o.WriteTimeout = TimeSpan.FromSeconds(30), time);
        receiver.IsReading = false;

        // Far more than the socket buffers of both ends hold, so the write cannot complete while nobody reads.
        var huge = Enumerable.Range(0, 400).Select(_ => Some.Event(actor: new Principal(PrincipalKind.User, Email: new string('y', 60_000)))).ToList();
        var write = sink.WriteAsync(huge, TestContext.Current.CancellationToken).AsTask();
        await receiver.WaitForUnreadBytesAsync(Timeout, TestContext.Current.CancellationToken);
        var error = await AdvanceUntilFaultedAsync(write, time, TimeSpan.FromSeconds(31));
        receiver.IsReading = true;
        await sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken);

        Assert.True(error.IsTransient);
        Assert.Contains("Sending 400 records", error.Message, StringComparison.Ordinal);
        Assert.Contains("timed out after 30 s", error.Message, StringComparison.Ordinal);
        await receiver.WaitForConnectionsAsync(2, Timeout, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task WriteAsync_WhenReceiverResetsDuringTheWrite_ThrowsTransientSinkExceptionAndTheRetryArrivesWhole()
    {
        await using var receiver = LoopbackTcpReceiver.Start();
        await using var sink = Create(receiver.Endpoint);
        receiver.IsReading = false;
        var huge = Enumerable.Range(0, 400).Select(_ => Some.Event(actor: new Principal(PrincipalKind.User, Email: new string('y', 60_000)))).ToList();
        var write = sink.WriteAsync(huge, TestContext.Current.CancellationToken).AsTask();
        await receiver.WaitForUnreadBytesAsync(Timeout, TestContext.Current.CancellationToken);

        receiver.ResetConnections();
        var error = await Assert.ThrowsAsync<SinkException>(() => write);
        receiver.IsReading = true;
        IReadOnlyList<AuditEvent> retry = [Some.Event(), Some.Event()];
        await sink.WriteAsync(retry, TestContext.Current.CancellationToken);

        Assert.True(error.IsTransient);
        Assert.Contains("broke while sending 400 records", error.Message, StringComparison.Ordinal);
        var records = await receiver.WaitForRecordsAsync(2, Timeout, TestContext.Current.CancellationToken);
        Assert.Equal(retry.Select(e => SyslogText.Rfc5424(e, _formatter.FormatToString(e), Host)), records.Select(r => Encoding.UTF8.GetString(r)));
        Assert.Equal(2, sink.Statistics.Records);
    }

    [Fact]
    public async Task WriteAsync_WhenReceiverIsSlowToAccept_CompletesIntoTheKernelBuffersAndDeliversOnceAccepted()
    {
        await using var receiver = LoopbackTcpReceiver.Start();
        await using var sink = Create(receiver.Endpoint);
        receiver.IsAccepting = false;

        await sink.WriteAsync([Some.Event(), Some.Event()], TestContext.Current.CancellationToken);
        var acceptedBefore = receiver.ConnectionsAccepted;
        receiver.IsAccepting = true;

        Assert.Equal(0, acceptedBefore);
        await receiver.WaitForRecordsAsync(2, Timeout, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task WriteAsync_EndpointWithDnsName_ResolvesItWhenConnecting()
    {
        await using var receiver = LoopbackTcpReceiver.Start();
        await using var sink = Create($"tcp://localhost:{receiver.Port}");

        await sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken);

        await receiver.WaitForRecordsAsync(1, Timeout, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task WriteAsync_EndpointWithIpv6Literal_ConnectsToIt()
    {
        await using var receiver = LoopbackTcpReceiver.Start(address: System.Net.IPAddress.IPv6Loopback);
        await using var sink = Create($"tcp://[::1]:{receiver.Port}");

        await sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken);

        await receiver.WaitForRecordsAsync(1, Timeout, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task WriteAsync_EmptyBatch_DoesNotConnect()
    {
        await using var receiver = LoopbackTcpReceiver.Start();
        await using var sink = Create(receiver.Endpoint);

        await sink.WriteAsync([], TestContext.Current.CancellationToken);

        Assert.Equal(0, receiver.ConnectionsAccepted);
        Assert.Equal(0, sink.Statistics.Records);
    }

    [Fact]
    public async Task DisposeAsync_AfterWriting_ClosesTheConnection()
    {
        await using var receiver = LoopbackTcpReceiver.Start();
        var sink = Create(receiver.Endpoint);
        await sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken);

        await sink.DisposeAsync();

        await receiver.WaitForClientsToCloseAsync(Timeout, TestContext.Current.CancellationToken);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken).AsTask());
    }

    private ISink Create(string endpoint, Action<SyslogSinkOptions>? configure = null, TimeProvider? time = null)
    {
        var options = new SyslogSinkOptions { Endpoint = endpoint, HostName = Host };
        configure?.Invoke(options);
        return SyslogSinkFactory.Create(options, _formatter, time ?? TimeProvider.System);
    }

    // Timers on the fake clock fire only when it is advanced; the write's timer exists only once it started, so
    // advance in steps until the write gives up, with a real deadline in case it never does.
    private static async Task<SinkException> AdvanceUntilFaultedAsync(Task write, FakeTimeProvider time, TimeSpan step)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!write.IsCompleted && DateTime.UtcNow < deadline)
        {
            time.Advance(step);
            await Task.WhenAny(write, Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System, TestContext.Current.CancellationToken));
        }

        return await Assert.ThrowsAsync<SinkException>(() => write);
    }
}
