using System.Text.Json;
using AuditBridge.Shell;
using AuditBridge.Simulators.Box;
using AuditBridge.TestKit;
using AuditBridge.TestKit.Time;

namespace AuditBridge.Tests.Cli;

/// <summary><c>pull box</c> in-process against the Box simulator.</summary>
public sealed class PullBoxCommandTests : IDisposable
{
    private const int EventCount = 900;
    private readonly TempDirectory _directory = TempDirectory.ForCaller();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Pull_WithClientCredentials_WritesEveryEventOnce()
    {
        await using var simulator = await StartAsync();

        var run = await CliRunner.RunAsync([.. Args(simulator), "--format", "json"], ClientCredentials(), _directory.Path);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var ids = run.StdoutLines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()).ToList();
        Assert.Equal(EventCount, ids.Count);
        Assert.Equal(EventCount, ids.Distinct().Count());
        Assert.DoesNotContain("sim-client-secret", run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_AsLeef_WritesEveryEventOnceWithTheBoxHeaderAndTheEventTypeAsEventId()
    {
        await using var simulator = await StartAsync();

        var run = await CliRunner.RunAsync([.. Args(simulator), "--format", "leef"], ClientCredentials(), _directory.Path);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var records = run.StdoutLines.Select(LeefRecord.Parse).ToList();
        Assert.Equal(EventCount, records.Select(r => r.Attributes["externalId"]).Distinct().Count());
        Assert.All(records, r => Assert.Equal(("Box", "Box Enterprise Events", "2.0"), (r.Vendor, r.Product, r.Version)));
        var types = simulator.Events.GetMatchingIndexes(new BoxEventQuery()).ToDictionary(simulator.Events.GetEventId, simulator.Events.GetEventType);
        Assert.All(records, r => Assert.Equal(types[r.Attributes["externalId"]], r.EventId));
    }

    [Fact]
    public async Task Pull_WithTheJwtAppConfig_SignsInAndPulls()
    {
        var app = BoxJwtApp.Create();
        var options = new BoxSimulatorOptions { EventCount = 50, Seed = 3, JwtPublicKey = app.PublicKeyPem, JwtPublicKeyId = app.PublicKeyId };
        await using var simulator = await BoxSimulator.StartAsync(options, new FakeTimeProvider(CliRunner.Now), TestContext.Current.CancellationToken);
        File.WriteAllText(_directory.Combine("config.json"), app.ConfigJson(options, includePassphrase: false));

        var run = await CliRunner.RunAsync(
            [.. Args(simulator), "--box-config", "config.json"],
            new Dictionary<string, string> { ["BOX_JWT_PASSPHRASE"] = app.Passphrase },
            _directory.Path);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(50, run.StdoutLines.Length);
        Assert.All(run.StdoutLines, l => Assert.StartsWith("CEF:0|Box|Box Enterprise Events|2.0|", l, StringComparison.Ordinal));
        Assert.DoesNotContain(app.Passphrase, run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_WithState_KeepsTheStreamPositionExactlyAndTheNextRunWritesNothingTwice()
    {
        await using var simulator = await StartAsync();
        string[] args = [.. Args(simulator), "--format", "json", "--state", "box.state.json", "--limit", "200"];

        var first = await CliRunner.RunAsync(args, ClientCredentials(), _directory.Path);
        var second = await CliRunner.RunAsync(args, ClientCredentials(), _directory.Path);

        Assert.Equal(ExitCodes.Success, first.ExitCode);
        Assert.Equal(ExitCodes.Success, second.ExitCode);
        Assert.Equal(EventCount, first.StdoutLines.Length);
        Assert.Empty(second.StdoutLines);
        var saved = JsonDocument.Parse(File.ReadAllText(_directory.Combine("box.state.json"))).RootElement.GetProperty("cursor").GetString()!;
        Assert.True(ulong.Parse(saved, System.Globalization.CultureInfo.InvariantCulture) > (1UL << 53), saved);
        var lastRequest = simulator.Requests.Last(r => r.Path.EndsWith("events", StringComparison.Ordinal));
        Assert.Contains("stream_position=" + saved, lastRequest.QueryString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--stream", "admin_logs_streaming", "--start-time", "7d" }, "--start-time")]
    [InlineData(new[] { "--limit", "501" }, "--limit")]
    [InlineData(new[] { "--stream", "enterprise" }, "--stream must be admin_logs or admin_logs_streaming")]
    [InlineData(new[] { "--client-secret", "x" }, "secrets are never taken from the command line")]
    public async Task Pull_WithInvalidOptions_ExitsTwo(string[] extra, string expected)
    {
        var run = await CliRunner.RunAsync(["pull", "box", "--api-url", "http://127.0.0.1:9/", .. extra], ClientCredentials(), _directory.Path);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains(expected, run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_WithPartOfTheClientCredentials_ExitsThreeNamingWhatIsMissing()
    {
        var run = await CliRunner.RunAsync(["pull", "box", "--api-url", "http://127.0.0.1:9/"], new Dictionary<string, string> { ["BOX_CLIENT_ID"] = "client-id-01" }, _directory.Path);

        Assert.Equal(ExitCodes.Authentication, run.ExitCode);
        Assert.Contains("missing: BOX_CLIENT_SECRET, BOX_ENTERPRISE_ID", run.Stderr, StringComparison.Ordinal);
    }

    private static Task<BoxSimulator> StartAsync() => BoxSimulator.StartAsync(
        new BoxSimulatorOptions { EventCount = EventCount, Seed = 5 }, new FakeTimeProvider(CliRunner.Now), TestContext.Current.CancellationToken);

    private static string[] Args(BoxSimulator simulator) => ["pull", "box", "--api-url", simulator.BaseUrl.ToString(), "--quiet"];

    private static Dictionary<string, string> ClientCredentials() => new()
    {
        ["BOX_CLIENT_ID"] = "sim-client-id",
        ["BOX_CLIENT_SECRET"] = "sim-client-secret",
        ["BOX_ENTERPRISE_ID"] = "9348812",
    };
}
