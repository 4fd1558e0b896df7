using System.Text;
using AuditBridge.Events;
using AuditBridge.Framing;
using AuditBridge.Sinks;
using AuditBridge.Sinks.Syslog;
using AuditBridge.TestKit;
using AuditBridge.TestKit.Receivers;

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

    private static ISink Create(string endpoint, TestCefFormatter formatter, Action<SyslogSinkOptions>? configure = null)
    {
        var options = new SyslogSinkOptions { Endpoint = endpoint, HostName = Host };
        configure?.Invoke(options);
        return SyslogSinkFactory.Create(options, formatter, TimeProvider.System);
    }
}
