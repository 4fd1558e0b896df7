using System.CommandLine;
using AuditBridge.Cli.Commands;
using AuditBridge.Cli.Demo;
using AuditBridge.Cli.Terminal;
using AuditBridge.Secrets;
using AuditBridge.Shell;

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
            DemoCommand.Create(context, RunAsync),
            PullCommand.Create(context),
            QuarantineCommand.Create(context),
            ReplayCommand.Create(context),
            RunCommand.Create(context),
            SimulateCommand.Create(context),
            StatusCommand.Create(context),
        };
        return root;
    }

    public static Task<int> RunAsync(string[] args, CliContext context) => RunAsync(CreateRootCommand(context), args, context);

    /// <summary>Parses <paramref name="args"/> against <paramref name="root"/> and runs the command, with the last-resort handler around it.</summary>
    internal static async Task<int> RunAsync(RootCommand root, string[] args, CliContext context)
    {
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

            // Its report prints the exception as it is; ours below redacts it first.
            EnableDefaultExceptionHandler = false,
        };
        try
        {
            return await parseResult.InvokeAsync(invocation, context.Termination);
        }
#pragma warning disable CA1031 // The last resort: whatever escaped a command is a bug, reported without secrets.
        catch (Exception unexpected)
#pragma warning restore CA1031
        {
            await context.Error.WriteLineAsync(LastResortReport(unexpected, context.Redactor));
            return ExitCodes.InternalError;
        }
    }

    /// <summary>
    /// What the last-resort handler prints for an exception no command handled: its type, message and stack trace, with
    /// every known secret redacted and control characters escaped (an exception message can quote a vendor's answer).
    /// </summary>
    internal static string LastResortReport(Exception unexpected, SecretRedactor redactor)
    {
        var lines = redactor.Redact(unexpected.ToString()).ReplaceLineEndings("\n").Split('\n');
        return "error: unexpected internal error (a bug; please report it with this message): "
            + string.Join(Environment.NewLine, lines.Select(ExternalText.Escape));
    }
}
