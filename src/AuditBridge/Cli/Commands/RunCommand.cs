using System.CommandLine;
using AuditBridge.Cli.Terminal;
using AuditBridge.Daemon;
using AuditBridge.Shell;

namespace AuditBridge.Cli.Commands;

/// <summary><c>auditbridge run</c>: the daemon.</summary>
internal static class RunCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command(
            "run",
            "Run as a daemon: collect every configured source on its schedule into the journal and deliver to every configured sink, until SIGTERM or SIGINT.");
        var config = DaemonConfigOption.Create();
        command.Add(config);
        command.SetAction(async (result, _) =>
        {
            var loaded = await DaemonConfigOption.LoadAsync(context, result.GetValue(config)!);
            if (loaded is null)
            {
                return ExitCodes.InvalidInput;
            }

            return await BridgeHost.RunAsync(loaded, new BridgeRuntime { Time = context.Time, Log = context.Error, Redactor = context.Redactor }, context.Termination);
        });
        return command;
    }
}
