using System.Globalization;
using System.Text;
using System.Text.Json;
using AuditBridge.Events;
using AuditBridge.Formats;
using AuditBridge.Formats.Cef;
using AuditBridge.Shell;
using AuditBridge.Simulators.Dropbox;
using AuditBridge.Sources;
using AuditBridge.TestKit.Receivers;
using AuditBridge.TestKit.Time;
using AuditBridge.Tests.Cli;

namespace AuditBridge.Tests.EndToEnd;

/// <summary>
/// The whole path with real parts only, for each vendor: its events (a third of them hostile) from the Dropbox or Box
/// simulator or the fake dcli → <c>pull &lt;vendor&gt;</c> → CEF → syslog → a real syslog-ng → liblognorm's CEF parser.
/// Every event must arrive exactly once, byte for byte as formatted, and decode to the original values.
/// </summary>
public sealed class PullToRealReceiversTests : IDisposable
{
    private const int EventCount = 450;
    private readonly AuditBridge.TestKit.TempDirectory _directory = AuditBridge.TestKit.TempDirectory.ForCaller();

    public static TheoryData<string, string> VendorsAndTransports
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var vendor in HostileVendorFeed.Vendors)
            {
                foreach (var transport in new[] { "tcp-octet-5424", "udp-5424", "tls-5425", "udp-3164", "tcp-lf-3164" })
                {
                    data.Add(vendor, transport);
                }
            }

            return data;
        }
    }

    public void Dispose() => _directory.Dispose();

    [Theory]
    [MemberData(nameof(VendorsAndTransports))]
    public async Task Pull_ToSyslogNg_DeliversEveryHostileEventOnce_AndLiblognormDecodesTheOriginalValues(string vendor, string transport)
    {
        await using var feed = await HostileVendorFeed.StartAsync(vendor, EventCount, _directory, TestContext.Current.CancellationToken);
        await using var syslogNg = await SyslogNgReceiver.StartAsync(TestContext.Current.CancellationToken);
        string[] target = transport switch
        {
            "tcp-octet-5424" => ["--syslog", syslogNg.TcpEndpoint],
            "udp-5424" => ["--syslog", syslogNg.UdpEndpoint, "--max-datagram", "65000"],
            "tls-5425" => ["--syslog", syslogNg.TlsEndpoint, "--ca-file", syslogNg.CaCertificatePath],
            "udp-3164" => ["--syslog", syslogNg.UdpBsdEndpoint, "--syslog-header", "rfc3164", "--max-datagram", "65000"],
            _ => ["--syslog", syslogNg.TcpLfEndpoint, "--syslog-header", "rfc3164", "--framing", "newline"],
        };

        var run = await CliRunner.RunAsync([.. feed.Pull, "--quiet", .. target], feed.Environment, _directory.Path);
        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var messages = await syslogNg.WaitForMessagesAsync(EventCount, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        var expected = feed.Expected(EventFormatters.Cef(new CefFormatterOptions { Products = VendorProducts.All }));
        Assert.Equal(EventCount, expected.Count);
        Assert.Equal(EventCount, messages.Count);
        var records = messages.Select(m => m.Record).ToList();
        Assert.Equal(expected.Values.Select(e => e.Record).Order(StringComparer.Ordinal), records.Order(StringComparer.Ordinal));
        Assert.All(messages, m => Assert.Equal("local4", m.Facility));
        var byRecord = expected.Values.ToDictionary(e => e.Record, e => e.Event, StringComparer.Ordinal);
        Assert.All(messages, m => Assert.Equal(SyslogSeverityName(byRecord[m.Record].Severity), m.Severity));
        Assert.Contains(expected.Values, e => e.Record.Contains("\\n", StringComparison.Ordinal) || e.Record.Contains("\\r", StringComparison.Ordinal));

        var parsed = await Lognormalizer.ParseCefAsync(records, TestContext.Current.CancellationToken);
        Assert.All(parsed, p => Assert.True(p.IsParsed, "liblognorm rejected: " + p.Json));
        foreach (var cef in parsed)
        {
            var original = expected[cef.Extensions.TryGetValue("flexString1", out var longId) ? longId : cef.Extensions["externalId"]];
            AssertDecodesToOriginal(feed.DeviceVendor, original.Event, cef);
            Assert.Equal(Encoding.UTF8.GetByteCount(cef.Record), Encoding.UTF8.GetByteCount(original.Record));
        }
    }

    [Theory]
    [MemberData(nameof(HostileVendorFeed.Vendors), MemberType = typeof(HostileVendorFeed))]
    public async Task Pull_OverUdpWithTheDefaultLimit_NeverSendsALargerDatagram_AndCountsTheShortenedRecords(string vendor)
    {
        await using var feed = await HostileVendorFeed.StartAsync(vendor, EventCount, _directory, TestContext.Current.CancellationToken);
        await using var syslogNg = await SyslogNgReceiver.StartAsync(TestContext.Current.CancellationToken);

        var run = await CliRunner.RunAsync([.. feed.Pull, "--syslog", syslogNg.UdpEndpoint], feed.Environment, _directory.Path);
        var messages = await syslogNg.WaitForMessagesAsync(EventCount, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(EventCount, messages.Count);
        Assert.All(messages, m => Assert.InRange(Encoding.UTF8.GetByteCount(m.Raw), 1, 1400));
        Assert.Contains("records shortened to fit the UDP datagram limit", run.Stderr, StringComparison.Ordinal);
        var parsed = await Lognormalizer.ParseCefAsync([.. messages.Select(m => m.Record)], TestContext.Current.CancellationToken);
        Assert.All(parsed, p => Assert.True(p.IsParsed, "liblognorm rejected: " + p.Json));
        Assert.Equal(EventCount, parsed.Select(p => p.Extensions["externalId"]).Distinct().Count());
    }

    [Fact]
    public async Task Pull_WithTheSampleScriptsHostAndPort_SendsUdpWithAnRfc3164Header_AndCanWriteAFileAtTheSameTime()
    {
        await using var simulator = await DropboxSimulator.StartAsync(
            new DropboxSimulatorOptions { EventCount = 200, Seed = 29, HostileEvery = 0 }, new FakeTimeProvider(CliRunner.Now), TestContext.Current.CancellationToken);
        await using var syslogNg = await SyslogNgReceiver.StartAsync(TestContext.Current.CancellationToken);
        using var directory = AuditBridge.TestKit.TempDirectory.ForCaller();

        var run = await CliRunner.RunAsync(
            ["pull", "dropbox", "--api-url", simulator.BaseUrl.ToString(), "--quiet", "--host", "127.0.0.1", "--port", syslogNg.UdpBsdPort.ToString(CultureInfo.InvariantCulture), "--max-datagram", "65000", "--output", "copy.cef"],
            new Dictionary<string, string> { ["DROPBOX_ACCESS_TOKEN"] = "sim-access-token" },
            directory.Path);
        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var messages = await syslogNg.WaitForMessagesAsync(200, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(200, messages.Count);
        Assert.All(messages, m => Assert.Equal("s_udp_3164", m.Source));
        Assert.All(messages, m => Assert.Equal("CEF", m.Program));
        Assert.Equal(File.ReadAllLines(directory.Combine("copy.cef")).Order(StringComparer.Ordinal), messages.Select(m => m.Record).Order(StringComparer.Ordinal));
    }

    /// <summary>The documented mapping of event severity to syslog severity (docs/sinks.md), as syslog-ng names it.</summary>
    private static string SyslogSeverityName(int severity) => severity switch
    {
        <= 3 => "info",
        <= 6 => "warning",
        <= 8 => "err",
        _ => "crit",
    };

    private static void AssertDecodesToOriginal(string deviceVendor, AuditEvent original, LognormalizerCefEvent cef)
    {
        Assert.Equal(deviceVendor, cef.DeviceVendor);
        Assert.Equal(original.Action, cef.SignatureId);
        AssertText(Header(original.Description ?? original.Action), cef.Name, 512);
        Assert.Equal(original.Severity.ToString(CultureInfo.InvariantCulture), cef.Severity);
        Assert.Equal(original.Time.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), cef.Extensions["rt"]);
        Assert.Equal(original.Id.Length > 40 ? original.Id[..40] : original.Id, cef.Extensions["externalId"]);
        Assert.Equal(original.Id.Length > 40 ? original.Id : null, cef.Extensions.GetValueOrDefault("flexString1"));
        Assert.Equal(original.Category, cef.Extensions["cat"]);
        AssertExtension(original.Actor?.Email ?? original.Actor?.Name, cef, "suser", 1023);
        AssertExtension(original.Actor?.Id, cef, "suid", 1023);
        AssertExtension(original.Target?.Email ?? original.Target?.Name, cef, "duser", 1023);
        var firstObject = original.Objects.Count > 0 ? original.Objects[0] : null;
        AssertExtension(firstObject?.Name, cef, "fname", 1023);
        AssertExtension(firstObject?.Path, cef, "filePath", 1023);
        for (var slot = 0; slot < original.Sections.Count; slot++)
        {
            var section = original.Sections[slot];
            var json = Encoding.UTF8.GetString(section.Json.Span);
            var key = $"cs{slot + 1}";
            if (json == "null")
            {
                Assert.False(cef.Extensions.ContainsKey(key), $"{key} for an absent section");
                continue;
            }

            Assert.Equal(section.Label, cef.Extensions[key + "Label"]);
            if (json.Length <= 4000)
            {
                Assert.Equal(json, cef.Extensions[key]);
            }
            else
            {
                using var shortened = JsonDocument.Parse(cef.Extensions[key]);
                Assert.Contains("…[truncated]", cef.Extensions[key], StringComparison.Ordinal);
            }
        }
    }

    private static void AssertExtension(string? original, LognormalizerCefEvent cef, string key, int limit)
    {
        var expected = original is null ? null : Extension(original);
        if (string.IsNullOrEmpty(expected))
        {
            Assert.False(cef.Extensions.ContainsKey(key), $"{key} should be absent");
            return;
        }

        AssertText(expected, cef.Extensions[key], limit);
    }

    /// <summary>Equal, or — past the dictionary limit — a prefix of the original ending in the truncation marker.</summary>
    private static void AssertText(string expected, string? actual, int limit)
    {
        Assert.NotNull(actual);
        if (expected.Length <= limit)
        {
            Assert.Equal(expected, actual);
            return;
        }

        Assert.EndsWith("…[truncated]", actual, StringComparison.Ordinal);
        Assert.StartsWith(actual[..^"…[truncated]".Length], expected, StringComparison.Ordinal);
        Assert.True(actual.Length <= limit, $"{actual.Length} > {limit}");
    }

    /// <summary>Header fields have no escape for line breaks: CR, LF, TAB and other controls become spaces (docs/formats/cef.md).</summary>
    private static string Header(string value) => new([.. value.Select(c => char.IsControl(c) ? ' ' : c)]);

    /// <summary>Extension values keep CR and LF (escaped on the wire); TAB and other controls become spaces; trailing spaces go.</summary>
    private static string Extension(string value) => new string([.. value.Select(c => c is not ('\r' or '\n') && char.IsControl(c) ? ' ' : c)]).TrimEnd();
}
