using System.CommandLine;
using System.Text.Json;
using AuditBridge.Cli;
using AuditBridge.Cli.Terminal;
using AuditBridge.Shell;
using AuditBridge.TestKit;
using AuditBridge.TestKit.Secrets;

namespace AuditBridge.Tests.Cli;

[Collection(Daemon.InProcessDaemon.Name)]
public sealed class RootCommandTests
{
    [Fact]
    public async Task Help_ListsEveryCommand()
    {
        var run = await CliRunner.RunAsync(["--help"]);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("demo", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("pull", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("simulate", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WhenACommandFailsUnexpectedly_ReportsTheExceptionRedactedAndEscapedAndExitsOne()
    {
        const string Token = "refresh-Xy7Uv3Wq9Rt5";
        var stderr = new StringWriter();
        var context = new CliContext
        {
            Environment = new Dictionary<string, string>(),
            WorkingDirectory = Path.GetTempPath(),
            StandardOutput = new MemoryStream(),
            Out = stderr,
            Error = stderr,
            Time = TimeProvider.System,
        };
        var boom = new Command("boom");
        boom.SetAction((_, _) =>
        {
            context.Redactor.Add(new AuditBridge.Secrets.Secret(Token, "env DROPBOX_REFRESH_TOKEN"));
            throw new InvalidOperationException($"the vendor said {Token}\u001b]0;owned\u0007");
        });

        var exitCode = await CliApplication.RunAsync(new RootCommand { boom }, ["boom"], context);

        var text = stderr.ToString();
        Assert.Equal(ExitCodes.InternalError, exitCode);
        Assert.StartsWith("error: unexpected internal error", text, StringComparison.Ordinal);
        Assert.Contains("InvalidOperationException: the vendor said ***\\x1B]0;owned\\x07", text, StringComparison.Ordinal);
        SecretLeaks.AssertNone(Token, text);
        Assert.DoesNotContain('\u001b', text);
    }

    [Fact]
    public async Task UnknownCommand_ExitsTwo()
    {
        var run = await CliRunner.RunAsync(["frobnicate"]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--help", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_PullsEveryVendorThroughFaultsAndLeavesCefLeefJsonAndCsvFilesPerVendor()
    {
        using var directory = TempDirectory.ForCaller();

        var run = await CliRunner.RunAsync(["demo", "--events", "1500", "--daemon-seconds", "0"], workingDirectory: directory.Path);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        foreach (var vendor in new[] { "dropbox", "box", "dashlane" })
        {
            var ids = File.ReadAllLines(directory.Combine($"demo-output/{vendor}.jsonl")).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()).ToList();
            Assert.Equal(1500, ids.Distinct().Count());
            Assert.Equal(1500, ids.Count);
            Assert.Equal(1500, File.ReadAllLines(directory.Combine($"demo-output/{vendor}.cef")).Length);
            Assert.All(File.ReadAllLines(directory.Combine($"demo-output/{vendor}.leef")), l => Assert.StartsWith("LEEF:2.0|", l, StringComparison.Ordinal));
            Assert.Equal(1500, File.ReadAllLines(directory.Combine($"demo-output/{vendor}.leef")).Length);
            Assert.StartsWith("time,id,", File.ReadAllText(directory.Combine($"demo-output/{vendor}.csv")), StringComparison.Ordinal);
            Assert.True(File.Exists(directory.Combine($"demo-output/{vendor}-cef.state.json")), vendor + " state");
        }

        Assert.Equal(1500, File.ReadAllLines(directory.Combine("demo-output/dashlane-dcli-export.jsonl")).Length);
        Assert.Contains("rate limited, waiting 2 s", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("reset the cursor", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("Box POST /oauth2/token: rate limited, waiting 1 s", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(3, CountOf(run.Stderr, "Summary: 1,500 events in"));
        Assert.Contains("CEF:0|Box|Box Enterprise Events|2.0|", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("LEEF:2.0|Dashlane|Dashlane Audit Logs|1|", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_RunTwice_StartsAfreshInsteadOfAppending()
    {
        using var directory = TempDirectory.ForCaller();

        await CliRunner.RunAsync(["demo", "--events", "300", "--daemon-seconds", "0"], workingDirectory: directory.Path);
        var second = await CliRunner.RunAsync(["demo", "--events", "200", "--daemon-seconds", "0"], workingDirectory: directory.Path);

        Assert.True(second.ExitCode == ExitCodes.Success, second.ToString());
        Assert.All(new[] { "dropbox", "box", "dashlane" }, vendor => Assert.Equal(200, File.ReadAllLines(directory.Combine($"demo-output/{vendor}.cef")).Length));
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    // The demo runs on a fast fake clock with real I/O; the timeout turns a demo that never ends into a failure.
    [Fact(Timeout = 180_000)]
    public async Task Demo_RunsTheDaemonThroughAReceiverOutageAndShowsStatus()
    {
        using var directory = TempDirectory.ForCaller();

        var run = await CliRunner.RunAsync(["demo", "--events", "200", "--daemon-seconds", "30"], workingDirectory: directory.Path);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Contains("its events wait in the journal", run.Stderr, StringComparison.Ordinal);
        Assert.Matches(@"siem +syslog +0 +[\d,]+ +0 +never +Cannot connect", run.Stderr);
        Assert.Matches(@"siem +syslog +\d+ +0 +[1-9][\d,]* +\S+ ago +\(recovered\) Cannot connect", run.Stderr);
        var stored = File.ReadAllLines(directory.Combine("demo-output/daemon/events.jsonl")).Length;
        Assert.True(stored > 30_000, $"{stored} events in the file");

        // New events keep arriving while the demo stops: the two sinks may differ by the batches in flight.
        Assert.InRange(File.ReadAllLines(directory.Combine("demo-output/daemon/syslog-received.log")).Length, stored - 1_000, stored + 1_000);
        Assert.Contains("rate limited, waiting 1 s", File.ReadAllText(directory.Combine("demo-output/daemon/daemon.log")), StringComparison.Ordinal);
    }
}
