using AuditBridge.Configuration;
using AuditBridge.Shell;
using AuditBridge.TestKit;
using AuditBridge.Tests.Cli;

namespace AuditBridge.Tests.Configuration;

/// <summary>
/// A rule the command line and the configuration both apply says the same thing in both: what differs is only how the
/// option is named (<c>--format</c>, <c>sinks[0].format</c>) and where the alternative is (<c>--output</c>, a file sink).
/// </summary>
public sealed class FrontEndRuleTests
{
    [Fact]
    public async Task SyslogWithCsv_IsRefusedByTheCommandLineAndTheConfigurationWithTheSameReason()
    {
        using var directory = TempDirectory.ForCaller();
        var path = directory.Combine("auditbridge.yaml");
        File.WriteAllText(path, "sources:\n  - type: dropbox\n    credentials: {access_token: '${DBX}'}\nsinks:\n  - type: syslog\n    endpoint: tcp://siem.example:514\n    format: csv\n");

        var run = await CliRunner.RunAsync(["pull", "dropbox", "--api-url", "http://127.0.0.1:9/", "--format", "csv", "--syslog", "tcp://siem.example:514"], new Dictionary<string, string> { ["DROPBOX_ACCESS_TOKEN"] = "sim-access-token" });
        var failure = Assert.Throws<ConfigurationException>(() => DaemonConfigLoader.Load(path, "auditbridge.yaml", new Dictionary<string, string> { ["DBX"] = "sim-access-token" }));

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        var cli = Between(run.Stderr, "--format: ", " (--output FILE)");
        var yaml = Assert.Single(failure.Errors);
        Assert.Equal(("format", cli + " (a file sink)"), (yaml.Path[(yaml.Path.LastIndexOf('.') + 1)..], yaml.Message));
        Assert.StartsWith("csv cannot go to syslog", cli, StringComparison.Ordinal);
    }

    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, text);
        from += start.Length;
        var to = text.IndexOf(end, from, StringComparison.Ordinal);
        Assert.True(to >= 0, text);
        return text[from..to];
    }
}
