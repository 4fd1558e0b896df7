using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using AuditBridge.Shell;
using AuditBridge.Simulators.Dropbox;
using AuditBridge.Sinks.Syslog;
using AuditBridge.TestKit;
using AuditBridge.TestKit.Receivers;
using AuditBridge.TestKit.Time;
using AuditBridge.Tests.Cli;

namespace AuditBridge.Tests.EndToEnd;

/// <summary>
/// A backfill over UDP, with the default settings, into a real syslog-ng on loopback whose receive buffer is a default
/// kernel's: UDP is best effort, but a user with a UDP-only SIEM must not lose most of a backfill without a word. This
/// test runs in real time by nature (throughput against a real receiver): 100,000 events at the default 2,000
/// datagrams/s take about 50 s.
/// </summary>
public sealed partial class UdpBackfillTests : IDisposable
{
    private const int EventCount = 100_000;
    private const int MustArrive = 99_900;
    private readonly TempDirectory _directory = TempDirectory.ForCaller();

    [Fact]
    public async Task Pull_OverUdpWithTheDefaultRate_DeliversAtLeast999PerMilleOfA100000EventBackfill()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var simulator = await DropboxSimulator.StartAsync(
            new DropboxSimulatorOptions { EventCount = EventCount, Seed = 41, HostileEvery = 0 }, new FakeTimeProvider(CliRunner.Now), cancellationToken);
        await using var syslogNg = await SyslogNgReceiver.StartAsync(cancellationToken);
        var dropsBefore = ReceiveBufferDrops();
        var clock = Stopwatch.StartNew();

        var run = await CliRunner.RunAsync(
            ["pull", "dropbox", "--api-url", simulator.BaseUrl.ToString(), "--quiet", "--syslog", syslogNg.UdpEndpoint],
            new Dictionary<string, string> { ["DROPBOX_ACCESS_TOKEN"] = "sim-access-token" },
            _directory.Path);
        var sending = clock.Elapsed;
        var counted = await syslogNg.WaitForCountAsync(EventCount, quiet: TimeSpan.FromSeconds(5), timeout: TimeSpan.FromSeconds(60), cancellationToken);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var ids = syslogNg.EnumerateMessages().Select(m => ExternalId().Match(m.Message).Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        Assert.True(
            ids.Count >= MustArrive,
            string.Create(CultureInfo.InvariantCulture, $"{ids.Count:N0} distinct events of {EventCount:N0} arrived ({counted:N0} messages) after {sending.TotalSeconds:0.0} s of sending; ")
            + $"UDP receive-buffer drops on this host meanwhile: {ReceiveBufferDrops() - dropsBefore:N0}. syslog-ng: {syslogNg.ReadInternalLog()}");
        Assert.DoesNotContain(string.Empty, ids);

        // Paced, not a burst: sending took as long as the default rate says, less one burst window.
        Assert.True(sending >= TimeSpan.FromSeconds(EventCount / (double)SyslogSinkOptions.DefaultMaxRate) - TimeSpan.FromSeconds(1), $"sent in {sending.TotalSeconds:0.0} s");
    }

    public void Dispose() => _directory.Dispose();

    // RcvbufErrors of /proc/net/snmp: datagrams the kernel dropped because a socket's receive buffer was full (all
    // sockets of the host; for the failure message only).
    private static long ReceiveBufferDrops()
    {
        var lines = File.Exists("/proc/net/snmp") ? File.ReadAllLines("/proc/net/snmp").Where(l => l.StartsWith("Udp:", StringComparison.Ordinal)).ToList() : [];
        if (lines.Count < 2)
        {
            return 0;
        }

        var column = Array.IndexOf(lines[0].Split(' '), "RcvbufErrors");
        return column < 0 ? 0 : long.Parse(lines[1].Split(' ')[column], CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"externalId=([^ ]+)")]
    private static partial Regex ExternalId();
}
