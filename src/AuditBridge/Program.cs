using System.Runtime.InteropServices;
using AuditBridge.Cli;
using AuditBridge.Cli.Terminal;
using AuditBridge.Shell;

// SIGINT and SIGTERM cancel the run at its next safe point (the state of the last completely written page is kept);
// a second signal ends the process at once.
using var termination = new CancellationTokenSource();
int? signalExitCode = null;
void OnSignal(PosixSignalContext signal, int exitCode)
{
    if (termination.IsCancellationRequested)
    {
        return;
    }

    signal.Cancel = true;
    signalExitCode = exitCode;
    termination.Cancel();
}

using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => OnSignal(signal, ExitCodes.Interrupted));
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => OnSignal(signal, ExitCodes.Terminated));
var exitCode = await CliApplication.RunAsync(args, CliContext.FromProcess(() => signalExitCode, termination.Token));
return signalExitCode ?? exitCode;
