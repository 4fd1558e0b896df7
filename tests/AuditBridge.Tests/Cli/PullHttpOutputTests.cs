using System.Text.Json;
using AuditBridge.Shell;
using AuditBridge.Simulators.Dropbox;
using AuditBridge.TestKit.Receivers;
using AuditBridge.TestKit.Time;

namespace AuditBridge.Tests.Cli;

/// <summary>The one-shot commands write to every sink type the daemon has: <c>--http</c> is the http sink's definition on the command line.</summary>
public sealed class PullHttpOutputTests
{
    [Fact]
    public async Task Pull_WithHttp_PostsEveryEventToTheCollectorInBatchesOfTheGivenSize()
    {
        await using var simulator = await DropboxSimulator.StartAsync(
            new DropboxSimulatorOptions { EventCount = 250, Seed = 7 }, new FakeTimeProvider(CliRunner.Now), TestContext.Current.CancellationToken);
        await using var collector = await LoopbackHttpCollector.StartAsync(null, TestContext.Current.CancellationToken);

        var run = await CliRunner.RunAsync(
            ["pull", "dropbox", "--api-url", simulator.BaseUrl.ToString(), "--quiet", "--format", "json", "--http", collector.BaseUrl + "ingest", "--http-max-batch-events", "100", "--http-header", "X-Tenant=acme"],
            new Dictionary<string, string> { ["DROPBOX_ACCESS_TOKEN"] = "sim-access-token" });

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Empty(run.StdoutLines);
        var requests = collector.Requests;
        Assert.All(requests, r => Assert.Equal(("POST", "/ingest", "acme"), (r.Method, r.PathAndQuery, r.Header("X-Tenant"))));
        var lines = requests.SelectMany(r => r.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal(250, lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()).Distinct().Count());
        Assert.Equal(250, lines.Count);
        Assert.All(requests, r => Assert.InRange(r.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length, 1, 100));
    }

    [Fact]
    public async Task Pull_WithHttpSplunkHec_SendsTheTokenReadFromTheEnvironment()
    {
        await using var simulator = await DropboxSimulator.StartAsync(
            new DropboxSimulatorOptions { EventCount = 20, Seed = 7 }, new FakeTimeProvider(CliRunner.Now), TestContext.Current.CancellationToken);
        await using var collector = await LoopbackHttpCollector.StartAsync(null, TestContext.Current.CancellationToken);
        collector.HecToken = "hec-token-0042";

        var run = await CliRunner.RunAsync(
            ["pull", "dropbox", "--api-url", simulator.BaseUrl.ToString(), "--quiet", "--format", "json", "--http", collector.BaseUrl.ToString(), "--http-mode", "splunk_hec", "--http-token", "env:HEC_TOKEN"],
            new Dictionary<string, string> { ["DROPBOX_ACCESS_TOKEN"] = "sim-access-token", ["HEC_TOKEN"] = "hec-token-0042" });

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal("Splunk hec-token-0042", collector.Requests[0].Header("Authorization"));
        Assert.Equal(20, collector.Requests.Sum(r => HecEvents(r.DecodedBody)));
        Assert.DoesNotContain("hec-token-0042", run.Stderr, StringComparison.Ordinal);
    }

    // HEC bodies are JSON objects one after another (not necessarily one per line).
    private static int HecEvents(byte[] body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { AllowMultipleValues = true });
        var count = 0;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.StartObject && reader.CurrentDepth == 0)
            {
                count++;
            }
        }

        return count;
    }
}
