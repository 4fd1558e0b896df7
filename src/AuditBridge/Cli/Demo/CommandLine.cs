using AuditBridge.Cli.Terminal;

namespace AuditBridge.Cli.Demo;

/// <summary>
/// Runs one <c>auditbridge</c> command line in this process and returns its exit code. The application passes its own
/// entry point, so the demo drives the real commands without depending on the layer that lists them.
/// </summary>
internal delegate Task<int> CommandLine(string[] args, CliContext context);
