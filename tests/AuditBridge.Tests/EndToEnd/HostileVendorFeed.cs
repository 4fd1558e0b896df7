using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using AuditBridge.Events;
using AuditBridge.Events.Severity;
using AuditBridge.Fakes.Dcli;
using AuditBridge.Formats;
using AuditBridge.Simulators.Box;
using AuditBridge.Simulators.Dropbox;
using AuditBridge.Sources;
using AuditBridge.Tests.Cli;
using AuditBridge.TestKit;
using AuditBridge.TestKit.Dashlane;
using AuditBridge.TestKit.Time;

namespace AuditBridge.Tests.EndToEnd;

/// <summary>
/// One vendor's events with hostile values in a third of them, behind the real <c>pull</c> path: the Dropbox or Box
/// simulator on loopback, or the fake <c>dcli</c> as a child process. Gives the <c>pull</c> arguments and environment,
/// and what every event must arrive as: the vendor's own events, mapped and formatted in-process.
/// </summary>
internal sealed class HostileVendorFeed : IAsyncDisposable
{
    public const int HostileEvery = 3;

    private static readonly DateTimeOffset DashlaneStart = new(2024, 5, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly IAsyncDisposable? _server;
    private readonly IReadOnlyList<byte[]> _vendorEvents;

    private HostileVendorFeed(string vendor, string[] pull, IReadOnlyDictionary<string, string> environment, IReadOnlyList<byte[]> vendorEvents, IAsyncDisposable? server)
    {
        Vendor = vendor;
        Pull = pull;
        Environment = environment;
        _vendorEvents = vendorEvents;
        _server = server;
    }

    public static TheoryData<string> Vendors => ["dropbox", "box", "dashlane"];

    /// <summary>The vendor key (<c>dropbox</c>, <c>box</c>, <c>dashlane</c>).</summary>
    public string Vendor { get; }

    /// <summary>The CEF and LEEF header's vendor name.</summary>
    public string DeviceVendor => Vendor switch
    {
        "dropbox" => "Dropbox",
        "box" => "Box",
        _ => "Dashlane",
    };

    /// <summary><c>pull &lt;vendor&gt;</c> and its source options; output options go after them.</summary>
    public string[] Pull { get; }

    public IReadOnlyDictionary<string, string> Environment { get; }

    public int Count => _vendorEvents.Count;

    public static async Task<HostileVendorFeed> StartAsync(string vendor, int count, TempDirectory directory, CancellationToken cancellationToken)
    {
        switch (vendor)
        {
            case "dropbox":
            {
                var simulator = await DropboxSimulator.StartAsync(
                    new DropboxSimulatorOptions { EventCount = count, Seed = 23, HostileEvery = HostileEvery }, new FakeTimeProvider(CliRunner.Now), cancellationToken);
                var events = simulator.Events.GetMatchingIndexes(new DropboxEventQuery()).Select(i => simulator.Events.GetEventJson(i).ToArray()).ToList();
                return new HostileVendorFeed(
                    vendor,
                    ["pull", "dropbox", "--api-url", simulator.BaseUrl.ToString(), "--limit", "100"],
                    new Dictionary<string, string> { ["DROPBOX_ACCESS_TOKEN"] = "sim-access-token" },
                    events,
                    simulator);
            }

            case "box":
            {
                var options = new BoxSimulatorOptions { EventCount = count, Seed = 23, HostileEvery = HostileEvery };
                var simulator = await BoxSimulator.StartAsync(options, new FakeTimeProvider(CliRunner.Now), cancellationToken);
                var events = simulator.Events.GetMatchingIndexes(new BoxEventQuery()).Select(i => simulator.Events.GetEventJson(i).ToArray()).ToList();
                return new HostileVendorFeed(
                    vendor,
                    ["pull", "box", "--api-url", simulator.BaseUrl.ToString(), "--limit", "100"],
                    new Dictionary<string, string> { ["BOX_DEVELOPER_TOKEN"] = options.DeveloperToken },
                    events,
                    simulator);
            }

            case "dashlane":
            {
                var fake = FakeDcli.Create(directory, new FakeDcliConfig { Count = count, Seed = 23, HostileEvery = HostileEvery });
                var end = DashlaneStart.AddDays(30);
                var events = fake.Between(DashlaneStart, end).Select(e => Encoding.UTF8.GetBytes(e.Line)).ToList();
                Assert.Equal(count, events.Count);
                return new HostileVendorFeed(
                    vendor,
                    ["pull", "dashlane", "--dcli", fake.ExecutablePath, "--start-time", Iso(DashlaneStart), "--end-time", Iso(end)],
                    fake.Environment,
                    events,
                    server: null);
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(vendor), vendor, "dropbox, box or dashlane");
        }
    }

    /// <summary>Every event the pull must deliver, by id: the normalized event and its record in <paramref name="formatter"/>.</summary>
    public Dictionary<string, (AuditEvent Event, string Record)> Expected(IEventFormatter formatter)
    {
        var mapper = VendorEventMappers.Create(Vendor, Vendor, (category, action) => SeverityPolicy.BuiltIn.Resolve(Vendor, category, action));
        var expected = new Dictionary<string, (AuditEvent, string)>(StringComparer.Ordinal);
        foreach (var vendorEvent in _vendorEvents)
        {
            using var document = JsonDocument.Parse(vendorEvent);
            var auditEvent = mapper.Map(document.RootElement);
            var buffer = new ArrayBufferWriter<byte>();
            formatter.Format(auditEvent, buffer);
            expected.Add(auditEvent.Id, (auditEvent, Encoding.UTF8.GetString(buffer.WrittenSpan)));
        }

        return expected;
    }

    public ValueTask DisposeAsync() => _server?.DisposeAsync() ?? ValueTask.CompletedTask;

    private static string Iso(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
