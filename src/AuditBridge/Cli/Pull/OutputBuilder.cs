using AuditBridge.Cli.Terminal;
using AuditBridge.Components;
using AuditBridge.Sinks;
using Microsoft.Extensions.Logging;

namespace AuditBridge.Cli.Pull;

/// <summary>Builds the outputs the command line chose: a file, a syslog receiver, an HTTP collector, any of them together, or stdout.</summary>
internal static class OutputBuilder
{
    /// <param name="request">The outputs, already checked.</param>
    /// <param name="context">Stdout and the redactor.</param>
    /// <param name="loggers">Where a file output reports a torn record it cut (stderr).</param>
    public static List<ISink> Build(OutputRequest request, CliContext context, ILoggerFactory loggers)
    {
        // The sinks' clock bounds socket I/O and rotates files, which happen in real time whatever clock schedules the
        // rest (tests run the CLI on a fake clock that skips waits).
        var services = new SinkServices(TimeProvider.System, loggers, context.Redactor, context.StandardOutput);
        var sinks = new List<ISink>();
        foreach (var binding in request.Sinks)
        {
            sinks.Add(binding.Create(services));
        }

        return sinks;
    }
}
