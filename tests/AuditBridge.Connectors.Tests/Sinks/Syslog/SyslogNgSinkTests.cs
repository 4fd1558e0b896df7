using AuditBridge.Events;
using AuditBridge.Framing;
using AuditBridge.Sinks;
using AuditBridge.Sinks.Syslog;
using AuditBridge.TestKit;
using AuditBridge.TestKit.Receivers;

namespace AuditBridge.Connectors.Tests.Sinks.Syslog;

/// <summary>The syslog sink against a real syslog-ng 3.38 on loopback: what a SIEM's collector really parses.</summary>
public sealed class SyslogNgSinkTests(SyslogNgFixture fixture) : IClassFixture<SyslogNgFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly TestCefFormatter _formatter = new();
    private readonly SyslogNgReceiver _syslogNg = fixture.Receiver;

    [Fact]
    public async Task WriteAsync_UdpRfc5424_EveryEventArrivesOnceWithPriorityHostProgramAndRecord()
    {
        var host = SyslogText.UniqueHost("udp5424");
        await using var sink = Create(_syslogNg.UdpEndpoint, host);
        IReadOnlyList<AuditEvent> batch = [.. new[] { 0, 3, 4, 6, 7, 8, 9, 10 }.Select(s => Some.Event(severity: s))];

        await sink.WriteAsync(batch, TestContext.Current.CancellationToken);

        var messages = await WaitAsync(host, batch.Count);
        Assert.All(messages, m => Assert.Equal("s_udp_5424", m.Source));
        Assert.Equal(batch.Select(e => SyslogText.Pri(e.Severity)), messages.Select(m => m.Pri));
        Assert.Equal(["info", "info", "warning", "warning", "err", "err", "crit", "crit"], messages.Select(m => m.Severity));
        Assert.All(messages, m => Assert.Equal("local4", m.Facility));
        Assert.All(messages, m => Assert.Equal("auditbridge", m.Program));
        Assert.All(messages, m => Assert.Equal("2024-05-03T10:41:07.000+00:00", m.Date));
        Assert.Equal(batch.Select(e => _formatter.FormatToString(e)), messages.Select(m => m.Message));
    }

    [Fact]
    public async Task WriteAsync_UdpRfc3164WithCef_ArrivesWithCefInTheTagSlot()
    {
        var host = SyslogText.UniqueHost("udp3164");
        await using var sink = Create(_syslogNg.UdpBsdEndpoint, host, o => o.HeaderFormat = SyslogHeaderFormat.Rfc3164);
        var auditEvent = Some.Event(severity: 5);

        await sink.WriteAsync([auditEvent], TestContext.Current.CancellationToken);

        var message = Assert.Single(await WaitAsync(host, 1));
        Assert.Equal("s_udp_3164", message.Source);
        Assert.Equal(164, message.Pri);
        Assert.Equal("CEF", message.Program);
        Assert.Equal(_formatter.FormatToString(auditEvent), message.Record);
        Assert.Equal(SyslogText.Rfc3164(auditEvent, _formatter.FormatToString(auditEvent), host), message.Raw);
    }

    [Fact]
    public async Task WriteAsync_UdpWithLongRecord_ArrivesShortenedToTheDatagramLimit()
    {
        var host = SyslogText.UniqueHost("udpshort");
        await using var sink = Create(_syslogNg.UdpEndpoint, host, o => o.MaxDatagramBytes = 480);
        var auditEvent = Some.Event(actor: new Principal(PrincipalKind.User, Email: "日本語" + new string('x', 3000)));

        await sink.WriteAsync([auditEvent], TestContext.Current.CancellationToken);

        var message = Assert.Single(await WaitAsync(host, 1));
        Assert.Equal(_formatter.FormatToString(auditEvent, 480 - (SyslogText.Rfc5424(auditEvent, string.Empty, host).Length)), message.Message);
        Assert.EndsWith(TestCefFormatter.Marker, message.Message, StringComparison.Ordinal);
        Assert.Equal(1, sink.Statistics.Shortened);
    }

    [Fact]
    public async Task WriteAsync_TcpOctetCountedWithHostileAndNonAsciiValues_EveryRecordArrivesExactly()
    {
        var host = SyslogText.UniqueHost("tcp5424");
        await using var sink = Create(_syslogNg.TcpEndpoint, host);
        var batch = Some.HostileStrings.Select(s => Some.Event(actor: new Principal(PrincipalKind.User, Email: s))).ToList();

        await sink.WriteAsync(batch, TestContext.Current.CancellationToken);

        var messages = await WaitAsync(host, batch.Count);
        Assert.All(messages, m => Assert.Equal("s_tcp_5424", m.Source));
        Assert.Equal(batch.Select(e => _formatter.FormatToString(e)), messages.Select(m => m.Message));
        Assert.DoesNotContain("Invalid frame header", _syslogNg.ReadInternalLog(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_TcpOctetCountedWithCustomHeaderFields_ArrivesWithThem()
    {
        var host = SyslogText.UniqueHost("fields");
        await using var sink = Create(_syslogNg.TcpEndpoint, host, o =>
        {
            o.Facility = SyslogFacility.Auth;
            o.AppName = "dropbox2cef";
            o.ProcId = "4242";
            o.MsgId = "AUDIT";
        });
        var auditEvent = Some.Event(severity: 9);

        await sink.WriteAsync([auditEvent], TestContext.Current.CancellationToken);

        var message = Assert.Single(await WaitAsync(host, 1));
        Assert.Equal((4 * 8) + 2, message.Pri);
        Assert.Equal("auth", message.Facility);
        Assert.Equal("crit", message.Severity);
        Assert.Equal("dropbox2cef", message.Program);
        Assert.Equal("4242", message.Pid);
        Assert.Equal("AUDIT", message.MsgId);
        Assert.Equal(_formatter.FormatToString(auditEvent), message.Message);
    }

    [Fact]
    public async Task WriteAsync_ThousandEventsOverTcp_AllArriveInOrder()
    {
        var host = SyslogText.UniqueHost("tcp1000");
        await using var sink = Create(_syslogNg.TcpEndpoint, host);
        var batch = Enumerable.Range(0, 1000).Select(i => Some.Event(actor: new Principal(PrincipalKind.User, Email: $"user{i}@example.com é"))).ToList();

        await sink.WriteAsync(batch, TestContext.Current.CancellationToken);

        var messages = await WaitAsync(host, 1000);
        Assert.Equal(batch.Select(e => _formatter.FormatToString(e)), messages.Select(m => m.Message));
        Assert.Equal(1000, sink.Statistics.Records);
    }

    [Fact]
    public async Task WriteAsync_TcpNewlineRfc3164WithCef_ArrivesWithCefInTheTagSlot()
    {
        var host = SyslogText.UniqueHost("tcp3164");
        await using var sink = Create(_syslogNg.TcpLfEndpoint, host, o =>
        {
            o.HeaderFormat = SyslogHeaderFormat.Rfc3164;
            o.Framing = FramingMethod.Newline;
        });
        var batch = Some.HostileStrings.Select(s => Some.Event(severity: 7, actor: new Principal(PrincipalKind.User, Email: s))).ToList();

        await sink.WriteAsync(batch, TestContext.Current.CancellationToken);

        var messages = await WaitAsync(host, batch.Count);
        Assert.All(messages, m => Assert.Equal("s_tcp_3164", m.Source));
        Assert.All(messages, m => Assert.Equal("CEF", m.Program));
        Assert.All(messages, m => Assert.Equal(163, m.Pri));
        Assert.Equal(batch.Select(e => _formatter.FormatToString(e)), messages.Select(m => m.Record));
    }

    [Fact]
    public async Task WriteAsync_TcpNewlineRfc3164WithOtherRecord_ArrivesUnderTheAppNameTag()
    {
        var host = SyslogText.UniqueHost("tcp3164json");
        var formatter = new TestCefFormatter("json", prefix: "JSON:0");
        await using var sink = Create(_syslogNg.TcpLfEndpoint, host, o =>
        {
            o.HeaderFormat = SyslogHeaderFormat.Rfc3164;
            o.Framing = FramingMethod.Newline;
        }, formatter);
        var auditEvent = Some.Event();

        await sink.WriteAsync([auditEvent], TestContext.Current.CancellationToken);

        var message = Assert.Single(await WaitAsync(host, 1));
        Assert.Equal("auditbridge", message.Program);
        Assert.Equal(formatter.FormatToString(auditEvent), message.Message);
    }

    [Fact]
    public async Task WriteAsync_TlsWithTheReceiversCa_ArrivesAndClosesCleanly()
    {
        // Its own receiver: the shared one logs the TLS errors other tests provoke on purpose, sometimes late.
        await using var syslogNg = await SyslogNgReceiver.StartAsync(TestContext.Current.CancellationToken);
        var host = SyslogText.UniqueHost("tls5425");
        var sink = Create(syslogNg.TlsEndpoint, host, o => o.CaFile = syslogNg.CaCertificatePath);
        var batch = Some.HostileStrings.Select(s => Some.Event(actor: new Principal(PrincipalKind.User, Email: s))).ToList();

        await sink.WriteAsync(batch, TestContext.Current.CancellationToken);
        await sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken);
        await sink.DisposeAsync();

        var messages = await syslogNg.WaitForMessagesAsync(batch.Count + 1, Timeout, m => m.Host == host, TestContext.Current.CancellationToken);
        Assert.All(messages, m => Assert.Equal("s_tls_5425", m.Source));
        Assert.Equal(batch.Select(e => _formatter.FormatToString(e)), messages.Take(batch.Count).Select(m => m.Message));
        Assert.DoesNotContain("SSL error", syslogNg.ReadInternalLog(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_TlsWithClientCertificate_IsAccepted()
    {
        var host = SyslogText.UniqueHost("tlsclient");
        await using var sink = Create(_syslogNg.TlsEndpoint, host, o =>
        {
            o.CaFile = _syslogNg.CaCertificatePath;
            o.ClientCertificateFile = _syslogNg.ClientCertificatePath;
            o.ClientKeyFile = _syslogNg.ClientKeyPath;
        });

        await sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken);

        Assert.Single(await WaitAsync(host, 1));
    }

    [Fact]
    public async Task WriteAsync_TlsWithoutTheReceiversCa_ThrowsPermanentSinkException()
    {
        await using var sink = Create(_syslogNg.TlsEndpoint, SyslogText.UniqueHost("tlsuntrusted"));

        var error = await Assert.ThrowsAsync<SinkException>(() => sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken).AsTask());

        Assert.False(error.IsTransient);
        Assert.Contains("not trusted", error.Message, StringComparison.Ordinal);
    }

    private async Task<IReadOnlyList<SyslogNgMessage>> WaitAsync(string host, int count) =>
        await _syslogNg.WaitForMessagesAsync(count, Timeout, m => m.Host == host, TestContext.Current.CancellationToken);

    private ISink Create(string endpoint, string host, Action<SyslogSinkOptions>? configure = null, TestCefFormatter? formatter = null)
    {
        var options = new SyslogSinkOptions { Endpoint = endpoint, HostName = host };
        configure?.Invoke(options);
        return SyslogSinkFactory.Create(options, formatter ?? _formatter, TimeProvider.System);
    }
}
