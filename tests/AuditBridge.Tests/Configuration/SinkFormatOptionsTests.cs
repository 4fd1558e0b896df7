using AuditBridge.Configuration;
using AuditBridge.Secrets;
using AuditBridge.TestKit;
using AuditBridge.Tests.Cli;
using Microsoft.Extensions.Logging.Abstractions;

namespace AuditBridge.Tests.Configuration;

/// <summary>The format options of a sink in YAML are the format definitions' options: the LEEF delimiter included.</summary>
public sealed class SinkFormatOptionsTests
{
    [Fact]
    public async Task Load_LeefDelimiter_IsTheDelimiterTheFileSinkWrites()
    {
        using var directory = TempDirectory.ForCaller();
        var path = directory.Combine("auditbridge.yaml");
        File.WriteAllText(path, "sources:\n  - type: dropbox\n    credentials: {access_token: '${DBX}'}\nsinks:\n  - type: file\n    path: out.leef\n    format: leef\n    leef_delimiter: '~'\n");
        var config = DaemonConfigLoader.Load(path, "auditbridge.yaml", new Dictionary<string, string> { ["DBX"] = "sim-access-token" });
        using var http = new HttpClient();
        var sink = config.Sinks[0].Create(new ComponentServices(TimeProvider.System, http, NullLoggerFactory.Instance, new SecretRedactor(), (_, _, _) => 5));

        await sink.WriteAsync([Some.Event()], TestContext.Current.CancellationToken);
        await sink.DisposeAsync();

        var record = LeefRecord.Parse(File.ReadAllLines(directory.Combine("out.leef"))[0]);
        Assert.Equal('~', record.Delimiter);
        Assert.True(record.Attributes.Count > 3);
    }

    [Fact]
    public void Load_LeefDelimiterWithAnotherFormat_NamesTheFormatItBelongsTo()
    {
        using var directory = TempDirectory.ForCaller();
        var path = directory.Combine("auditbridge.yaml");
        File.WriteAllText(path, "sources:\n  - type: dropbox\n    credentials: {access_token: '${DBX}'}\nsinks:\n  - type: file\n    path: out.cef\n    format: cef\n    leef_delimiter: '~'\n");

        var failure = Assert.Throws<ConfigurationException>(() => DaemonConfigLoader.Load(path, "auditbridge.yaml", new Dictionary<string, string> { ["DBX"] = "sim-access-token" }));

        Assert.Equal("auditbridge.yaml:5:5: sinks[0].leef_delimiter: applies to format leef only, not cef", Assert.Single(failure.Errors).ToString());
    }
}
