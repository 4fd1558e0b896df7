using System.CommandLine;
using AuditBridge.Cli.Terminal;
using AuditBridge.Shell;

namespace AuditBridge.Cli.Demo;

/// <summary><c>auditbridge demo</c>: the main job on simulated vendors, no credentials needed.</summary>
internal static class DemoCommand
{
    public static Command Create(CliContext context, CommandLine commandLine)
    {
        var demo = new Command("demo", "Pull simulated Dropbox, Box and Dashlane audit events through the real code path (with rate limits, server errors, expired tokens and a cursor reset on the way) and leave CEF, LEEF, JSON and CSV files per vendor in ./demo-output/; then run the daemon for half a minute with a file sink and a syslog receiver that is down at first, and show its status.");
        var events = new Option<int>("--events") { Description = "Number of simulated events per vendor.", DefaultValueFactory = _ => 5000 };
        var daemonSeconds = new Option<int>("--daemon-seconds") { Description = "How long the daemon part runs (0 skips it).", DefaultValueFactory = _ => 30 };
        demo.Add(events);
        demo.Add(daemonSeconds);
        demo.SetAction(async (result, _) =>
        {
            var exitCode = await DemoRunner.RunAsync(context, result.GetValue(events), commandLine);
            var seconds = result.GetValue(daemonSeconds);
            return exitCode != ExitCodes.Success || seconds <= 0
                ? exitCode
                : await DaemonDemo.RunAsync(context, Path.Combine(context.WorkingDirectory, DemoRunner.OutputDirectory), TimeSpan.FromSeconds(seconds));
        });
        return demo;
    }
}
