using System.Text.Json;
using AuditBridge.Daemon;
using AuditBridge.Secrets;
using AuditBridge.TestKit.Time;
using Microsoft.Extensions.Logging;

namespace AuditBridge.Tests.Daemon;

public sealed class DaemonLoggerProviderTests
{
    private const string Secret = "hec-token-8Fd2Gh6Jk0";

    [Fact]
    public void Log_AsText_RedactsAndEscapesSoAQuotedAnswerCannotForgeALine()
    {
        var output = new StringWriter();
        var logger = Logger(output, json: false);

        Log.StatusNotStored(logger, $"{Secret}\n2026-11-22T00:00:00.000Z info    Daemon: forged\u001b[2J");

        var line = Assert.Single(output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.EndsWith("delivery is not affected): ***\\n2026-11-22T00:00:00.000Z info    Daemon: forged\\x1B[2J", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Log_AsJson_RedactsEveryFieldAndKeepsOneLine()
    {
        var output = new StringWriter();
        var logger = Logger(output, json: true);

        Log.StatusNotStored(logger, $"{Secret}\nforged\u001b");

        var line = Assert.Single(output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        using var document = JsonDocument.Parse(line);
        Assert.EndsWith("delivery is not affected): ***\nforged\u001b", document.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("***\nforged\u001b", document.RootElement.GetProperty("Error").GetString());
    }

    private static ILogger Logger(TextWriter output, bool json)
    {
        var redactor = new SecretRedactor();
        redactor.Add(new Secret(Secret, "env SPLUNK_HEC_TOKEN"));
        var provider = new DaemonLoggerProvider(output, redactor, LogLevel.Debug, json, new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero)));
        return provider.CreateLogger("AuditBridge.Daemon");
    }
}
