using AuditBridge.Simulators.Dropbox;
using AuditBridge.TestKit;
using AuditBridge.TestKit.Receivers;
using AuditBridge.TestKit.Time;
using AuditBridge.Tests.Cli;

namespace AuditBridge.Tests.Daemon;

/// <summary>Every insecure option that is on says so at warning level, at every start of the daemon and in <c>check</c>.</summary>
[Collection(InProcessDaemon.Name)]
public sealed class DaemonInsecureOptionsTests
{
    [Fact]
    public async Task Run_WithInsecureOptions_LogsAWarningForEachOfThemAtEveryStart()
    {
        await using var simulator = await DropboxSimulator.StartAsync(new DropboxSimulatorOptions { EventCount = 20, Seed = 2 }, new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero)), TestContext.Current.CancellationToken);
        using var certificates = LoopbackCertificates.Create();
        await using var collector = await LoopbackHttpCollector.StartAsync(certificates.Server, TestContext.Current.CancellationToken);
        using var directory = TempDirectory.ForCaller();
        var yaml = Config(simulator, collector);

        foreach (var start in new[] { 1, 2 })
        {
            await using var daemon = DaemonHarness.Create(directory, yaml);
            daemon.Start();
            await daemon.Observer.WaitAsync(o => o.Position("archive") == 20 && o.Position("collector") == 20, $"start {start} delivered");
            await daemon.StopAsync();

            var warnings = daemon.Log.Split('\n').Where(line => line.Contains(" warning ", StringComparison.Ordinal)).ToList();
            Assert.Contains(warnings, line => line.Contains("Source dbx allows plain http:// to its vendor on another host (allow_insecure_http)", StringComparison.Ordinal));
            Assert.Contains(warnings, line => line.Contains("Sink collector does not verify the receiver's TLS certificate (insecure_skip_verify)", StringComparison.Ordinal));
            Assert.Contains(warnings, line => line.Contains("Sink collector allows plain http:// to another host (allow_insecure_http)", StringComparison.Ordinal));
            Assert.DoesNotContain(warnings, line => line.Contains("Sink archive", StringComparison.Ordinal));
            File.Delete(directory.Combine("auditbridge.db"));
            File.Delete(directory.Combine("archive.jsonl"));
        }
    }

    [Fact]
    public async Task Check_WithInsecureOptions_PrintsAWarningForEachEnabledComponent()
    {
        await using var simulator = await DropboxSimulator.StartAsync(new DropboxSimulatorOptions { EventCount = 1 }, TimeProvider.System, TestContext.Current.CancellationToken);
        using var certificates = LoopbackCertificates.Create();
        await using var collector = await LoopbackHttpCollector.StartAsync(certificates.Server, TestContext.Current.CancellationToken);
        using var directory = TempDirectory.ForCaller();
        File.WriteAllText(directory.Combine("auditbridge.yaml"), Config(simulator, collector));

        var run = await CliRunner.RunAsync(["check", "--config", "auditbridge.yaml"], DaemonHarness.Environment, directory.Path);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("warning: source dbx allows plain http:// to its vendor on another host (allow_insecure_http)", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("warning: sink collector does not verify the receiver's TLS certificate (insecure_skip_verify)", run.Stderr, StringComparison.Ordinal);
    }

    private static string Config(DropboxSimulator simulator, LoopbackHttpCollector collector) => $"""
        listen: off
        sources:
          - name: dbx
            type: dropbox
            api_url: {simulator.BaseUrl}
            allow_insecure_http: true
            start: 1500d
            interval: 1m
            credentials:
              access_token: {"${DROPBOX_ACCESS_TOKEN}"}
        sinks:
          - name: archive
            type: file
            path: archive.jsonl
          - name: collector
            type: http
            endpoint: {collector.BaseUrl}ingest
            insecure_skip_verify: true
            allow_insecure_http: true
        """;
}
