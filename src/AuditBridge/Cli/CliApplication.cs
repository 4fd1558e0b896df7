using System.CommandLine;
using AuditBridge.Cli.Commands;

namespace AuditBridge.Cli;

/// <summary>Builds the command tree and runs one invocation.</summary>
internal static class CliApplication
{
    public static RootCommand CreateRootCommand(CliContext context)
    {
        var root = new RootCommand("AuditBridge: pulls SaaS audit logs (Dropbox, Box, Dashlane) and delivers them as CEF, LEEF, JSON or CSV to SIEMs, files and HTTP collectors.")
        {
            CheckCommand.Create(context),
            ConvertCommand.Create(context),
            DemoCommand.Create(context),
            PullCommand.Create(context),
            QuarantineCommand.Create(context),
            ReplayCommand.Create(context),
            RunCommand.Create(context),
            SimulateCommand.Create(context),
            StatusCommand.Create(context),
        };
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliContext context)
    {
        var root = CreateRootCommand(context);
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var error in parseResult.Errors)
            {
                await context.Error.WriteLineAsync("error: " + error.Message);
            }

            await context.Error.WriteLineAsync("Run with --help to see the commands and options.");
            return ExitCodes.Usage;
        }

        var invocation = new InvocationConfiguration
        {
            Output = context.Out,
            Error = context.Error,
            ProcessTerminationTimeout = null,
        };
        return await parseResult.InvokeAsync(invocation, context.Termination);
    }
}
