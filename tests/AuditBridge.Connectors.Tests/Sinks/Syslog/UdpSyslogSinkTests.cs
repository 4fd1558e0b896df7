using System.Text;
using AuditBridge.Events;
using AuditBridge.Framing;
using AuditBridge.Sinks;
using AuditBridge.Sinks.Syslog;
using AuditBridge.TestKit;
using AuditBridge.TestKit.Receivers;
using AuditBridge.TestKit.Time;

namespace AuditBridge.Connectors.Tests.Sinks.Syslog;

public sealed class UdpSyslogSinkTests
{
    private const string Host = "collector-01";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task WriteAsync_Rfc5424_SendsOneUnframedDatagramPerRecord()
    {
        var formatter = new TestCefFormatter();
        await using var receiver = LoopbackUdpReceiver.Start();
        await using var sink = Create(receiver.Endpoint, formatter);
        IReadOnlyList<AuditEvent> batch = [Some.Event(severity: 0), Some.Event(severity: 5), Some.Event(severity: 10)];

        await sink.WriteAsync(batch, TestContext.Current.CancellationToken);

        var datagrams = await receiver.WaitForDatagramsAsync(3, Timeout, TestContext.Current.CancellationToken);
        Assert.Equal(batch.Select(e => SyslogText.Rfc5424(e, formatter.FormatToString(e), Host)), datagrams.Select(d => Encoding.UTF8.GetString(d)));
        Assert.Equal(DeliveryGuarantee.BestEffort, sink.Guarantee);
        Assert.Equal(3, sink.Statistics.Records);
        Assert.Equal(datagrams.Sum(d => d.Length), sink.Statistics.Bytes);
    }

    [Theory]
    [InlineData(SyslogHeaderFormat.Rfc5424, "cef", 480)]
    [InlineData(SyslogHeaderFormat.Rfc5424, "cef", 1400)]
    [InlineData(SyslogHeaderFormat.Rfc3164, "cef", 480)]
    [InlineData(SyslogHeaderFormat.Rfc3164, "json", 480)]
    [InlineData(SyslogHeaderFormat.None, "cef", 480)]
    public async Task WriteAsync_WhenRecordIsLongerThanMaxDatagramBytes_ShortensItToFitExactlyAndCountsIt(SyslogHeaderFormat format, string kind, int max)
    {
        var formatter = kind == "cef" ? new TestCefFormatter() : new TestCefFormatter("json", prefix: "JSON:0");
        await using var receiver = LoopbackUdpReceiver.Start();
        await using var sink = Create(receiver.Endpoint, formatter, o =>
        {
            o.HeaderFormat = format;
            o.MaxDatagramBytes = max;
        });
        var longest = Some.Event(actor: new Principal(PrincipalKind.User, Email: "é" + new string('x', 5000)));
        var fitting = Some.Event(actor: new Principal(PrincipalKind.User, Email: "short@example.com"));

        await sink.WriteAsync([longest, fitting], TestContext.Current.CancellationToken);

        var datagrams = await receiver.WaitForDatagramsAsync(2, Timeout, TestContext.Current.CancellationToken);
        Assert.InRange(datagrams[0].Length, max - 1, max);
        Assert.EndsWith(TestCefFormatter.Marker, Encoding.UTF8.GetString(datagrams[0]), StringComparison.Ordinal);
        Assert.EndsWith("suser=short@example.com", Encoding.UTF8.GetString(datagrams[1]), StringComparison.Ordinal);
        Assert.Equal(1, sink.Statistics.Shortened);
        Assert.Equal(2, sink.Statistics.Records);
    }

    [Fact]
    public async Task WriteAsync_ManyHostileRecords_NeverSendsADatagramLargerThanTheMaximum()
    {
        var formatter = new TestCefFormatter();
        await using var receiver = LoopbackUdpReceiver.Start();
        await using var sink = Create(receiver.Endpoint, formatter, o => o.MaxDatagramBytes = 512);
        var batch = Some.HostileStrings.Select(s => Some.Event(actor: new Principal(PrincipalKind.User, Email: s + s + s))).ToList();

        await sink.WriteAsync(batch, TestContext.Current.CancellationToken);

        var datagrams = await receiver.WaitForDatagramsAsync(batch.Count, Timeout, TestContext.Current.CancellationToken);
        Assert.All(datagrams, d => Assert.True(d.Length <= 512, $"{d.Length} bytes"));
        Assert.All(datagrams, d => Assert.True(Encoding.UTF8.GetString(d).IndexOfAny(['\r', '\n']) < 0));
        Assert.Equal(datagrams.Count(d => Encoding.UTF8.GetString(d).EndsWith(TestCefFormatter.Marker, StringComparison.Ordinal)), sink.Statistics.Shortened);
        Assert.True(sink.Statistics.Shortened >= 1);
    }

    [Fact]
    public async Task WriteAsync_WhenARecordCannotFit_ThrowsPermanentSinkExceptionNamingTheEventAndSendsNothing()
    {
        var formatter = new TestCefFormatter();
        await using var receiver = LoopbackUdpReceiver.Start();
        await using var sink = Create(receiver.Endpoint, formatter, o => o.MaxDatagramBytes = 480);
        var tooBig = Some.Event(id: "box:4242", description: new string('d', 1000));

        var error = await Assert.ThrowsAsync<SinkException>(
            () => sink.WriteAsync([Some.Event(), tooBig], TestContext.Current.CancellationToken).AsTask());

        Assert.False(error.IsTransient);
        Assert.Contains("'box:4242'", error.Message, StringComparison.Ordinal);
        Assert.Contains("480", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, sink.Statistics.Records);
    }

    [Fact]
    public async Task WriteAsync_WhenNothingListens_ReportsTransientSinkExceptionOnALaterSend()
    {
        var receiver = LoopbackUdpReceiver.Start();
        var endpoint = receiver.Endpoint;
        await receiver.DisposeAsync();
        await using var sink = Create(endpoint, new TestCefFormatter());

        // The first datagram leaves; the ICMP port-unreachable it causes fails a later send on the connected socket.
        var error = await Assert.ThrowsAsync<SinkException>(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                await sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken);
            }
        });

        Assert.True(error.IsTransient);
        Assert.Contains("ConnectionRefused", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_WithMaxRate_SendsAShortBurstThenOneDatagramPerIntervalOnTheSinksClock()
    {
        var time = new FakeTimeProvider(Some.Instant);
        await using var receiver = LoopbackUdpReceiver.Start();
        await using var sink = Create(receiver.Endpoint, new TestCefFormatter(), o => o.MaxRate = 100, time);
        var batch = Enumerable.Range(0, 10).Select(_ => Some.Event()).ToList();

        // 100/s: one datagram every 10 ms, at most 10 ms ahead of that schedule (the first two go at once).
        var write = sink.WriteAsync(batch, TestContext.Current.CancellationToken).AsTask();
        var sentBeforeEachStep = new List<long>();
        for (var step = 1; step <= 8; step++)
        {
            await WaitForWaitsAsync(time, step);
            sentBeforeEachStep.Add(sink.Statistics.Records);
            time.Advance(TimeSpan.FromMilliseconds(10));
        }

        await write.WaitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.Equal([2, 3, 4, 5, 6, 7, 8, 9], sentBeforeEachStep);
        Assert.All(time.Waits, wait => Assert.Equal(TimeSpan.FromMilliseconds(10), wait));
        Assert.Equal(8, time.Waits.Count);
        Assert.Equal(10, (await receiver.WaitForDatagramsAsync(10, Timeout, TestContext.Current.CancellationToken)).Count);
    }

    [Fact]
    public async Task WriteAsync_AfterAnIdleMinute_StillSendsNoMoreThanTheBurstAtOnce()
    {
        var time = new FakeTimeProvider(Some.Instant);
        await using var receiver = LoopbackUdpReceiver.Start();
        await using var sink = Create(receiver.Endpoint, new TestCefFormatter(), o => o.MaxRate = 100, time);
        await sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromMinutes(1));

        var write = sink.WriteAsync([.. Enumerable.Range(0, 5).Select(_ => Some.Event())], TestContext.Current.CancellationToken).AsTask();
        await WaitForWaitsAsync(time, 1);
        var sentAtOnce = sink.Statistics.Records - 1;
        time.Advance(TimeSpan.FromSeconds(1));
        await write.WaitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.Equal(2, sentAtOnce);
        Assert.Equal(6, sink.Statistics.Records);
    }

    [Fact]
    public async Task WriteAsync_WithMaxRateZero_NeverWaits()
    {
        var time = new FakeTimeProvider(Some.Instant);
        await using var receiver = LoopbackUdpReceiver.Start();
        await using var sink = Create(receiver.Endpoint, new TestCefFormatter(), o => o.MaxRate = 0, time);

        await sink.WriteAsync([.. Enumerable.Range(0, 100).Select(_ => Some.Event())], TestContext.Current.CancellationToken);

        Assert.Empty(time.Waits);
        Assert.Equal(100, sink.Statistics.Records);
    }

    [Fact]
    public async Task WriteAsync_CancelledWhileWaitingItsTurn_ThrowsAndHasCountedWhatLeft()
    {
        var time = new FakeTimeProvider(Some.Instant);
        await using var receiver = LoopbackUdpReceiver.Start();
        await using var sink = Create(receiver.Endpoint, new TestCefFormatter(), o => o.MaxRate = 1, time);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var write = sink.WriteAsync([Some.Event(), Some.Event(), Some.Event()], cancel.Token).AsTask();
        await WaitForWaitsAsync(time, 1);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => write);
        Assert.Equal(1, sink.Statistics.Records);
    }

    [Fact]
    public async Task WriteAsync_ABackfillAtTheDefaultRate_ArrivesWholeAtAReceiverWithADefaultKernelBuffer()
    {
        // 3,000 datagrams in 1.5 s: sent unpaced, they would come faster than a 208 KiB buffer is drained.
        await using var receiver = LoopbackUdpReceiver.Start();
        await using var sink = Create(receiver.Endpoint, new TestCefFormatter());
        var events = Enumerable.Range(0, 3000).Select(_ => Some.Event()).ToList();

        foreach (var page in events.Chunk(500))
        {
            await sink.WriteAsync(page, TestContext.Current.CancellationToken);
        }

        var arrived = await receiver.WaitForDatagramsAsync(events.Count, Timeout, TestContext.Current.CancellationToken);
        Assert.Equal(SyslogSinkOptions.DefaultMaxRate, new SyslogSinkOptions().MaxRate);
        Assert.Equal(events.Count, arrived.Count);
    }

    private static ISink Create(string endpoint, TestCefFormatter formatter, Action<SyslogSinkOptions>? configure = null, TimeProvider? time = null)
    {
        var options = new SyslogSinkOptions { Endpoint = endpoint, HostName = Host };
        configure?.Invoke(options);
        return SyslogSinkFactory.Create(options, formatter, time ?? TimeProvider.System);
    }

    // The sink waits on the fake clock from a thread of its own; the test moves the clock once it waits.
    private static async Task WaitForWaitsAsync(FakeTimeProvider time, int count)
    {
        var deadline = TimeProvider.System.GetUtcNow() + Timeout;
        while (time.Waits.Count < count)
        {
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"the sink did not wait a {count}. time (waits: {time.Waits.Count})");
            await Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System, TestContext.Current.CancellationToken);
        }
    }
}
