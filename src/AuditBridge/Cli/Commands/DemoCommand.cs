using System.CommandLine;
using AuditBridge.Cli.Demo;

namespace AuditBridge.Cli.Commands;

/// <summary><c>auditbridge demo</c>: the main job on simulated vendors, no credentials needed.</summary>
internal static class DemoCommand
{
    public static Command Create(CliContext context)
    {
        var demo = new Command("demo", "Pull simulated Dropbox, Box and Dashlane audit events through the real code path (with rate limits, server errors, expired tokens and a cursor reset on the way) and leave CEF, LEEF, JSON and CSV files per vendor in ./demo-output/.");
        var events = new Option<int>("--events") { Description = "Number of simulated events per vendor.", DefaultValueFactory = _ => 5000 };
        demo.Add(events);
        demo.SetAction((result, _) => DemoRunner.RunAsync(context, result.GetValue(events)));
        return demo;
    }
}
