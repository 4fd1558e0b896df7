using System.CommandLine;
using System.Globalization;
using AuditBridge.Cli.Pull;
using AuditBridge.Cli.Terminal;
using AuditBridge.Configuration;
using AuditBridge.Secrets;
using AuditBridge.Shell;
using AuditBridge.Sinks;
using AuditBridge.Sources;
using AuditBridge.Sources.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace AuditBridge.Cli.Commands;

/// <summary>
/// <c>auditbridge check</c>: validates the configuration and reports every problem at once (file:line:column); with
/// <c>--probe</c> also makes one cheap real call per enabled source (its first page) and sink (<see cref="ISinkProbe"/>:
/// a connection or TLS handshake, a token check, a writable directory), sending and storing nothing.
/// </summary>
internal static class CheckCommand
{
    /// <summary>Longest a probe of one component may take (real time).</summary>
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(60);

    public static Command Create(CliContext context)
    {
        var command = new Command("check", "Validate the configuration (every problem at once, with file:line:column); with --probe also call every source and sink once.");
        var config = DaemonConfigOption.Create();
        var probe = new Option<bool>("--probe") { Description = "Read one page from every enabled source and check every enabled sink (connect, TLS handshake, token, writable directory); nothing is stored or sent." };
        command.Add(config);
        command.Add(probe);
        command.SetAction(async (result, _) =>
        {
            var loaded = await DaemonConfigOption.LoadAsync(context, result.GetValue(config)!);
            if (loaded is null)
            {
                return ExitCodes.InvalidInput;
            }

            await context.Out.WriteLineAsync($"{loaded.File}: valid. Journal {loaded.Journal.Path}; " +
                $"sources: {string.Join(", ", loaded.Sources.Select(s => $"{s.Name} ({s.Type}{(s.Enabled ? string.Empty : ", disabled")})"))}; " +
                $"sinks: {string.Join(", ", loaded.Sinks.Select(s => $"{s.Name} ({s.Description}{(s.Enabled ? string.Empty : ", disabled")})"))}.");
            foreach (var (kind, name, warning) in Warnings(loaded))
            {
                await context.Error.WriteLineAsync($"warning: {kind} {name} {warning}");
            }

            return result.GetValue(probe) ? await ProbeAsync(context, loaded) : ExitCodes.Success;
        });
        return command;
    }

    private static IEnumerable<(string Kind, string Name, string Warning)> Warnings(DaemonConfig config) =>
        config.Sources.Where(s => s.Enabled).SelectMany(s => s.Warnings.Select(w => ("source", s.Name, w)))
            .Concat(config.Sinks.Where(s => s.Enabled).SelectMany(s => s.Warnings.Select(w => ("sink", s.Name, w))));

    private static async Task<int> ProbeAsync(CliContext context, DaemonConfig config)
    {
        var redactor = context.Redactor;
        using var http = VendorHttp.CreateClient();
        var services = new ComponentServices(context.Time, http, NullLoggerFactory.Instance, redactor, config.Severity.Resolve);
        var exitCode = ExitCodes.Success;
        foreach (var settings in config.Sources.Where(s => s.Enabled))
        {
            var (line, code) = await ProbeSourceAsync(context, settings, services);
            await context.Out.WriteLineAsync($"source {settings.Name}: {ExternalText.Escape(redactor.Redact(line))}");
            exitCode = exitCode == ExitCodes.Success ? code : exitCode;
        }

        foreach (var settings in config.Sinks.Where(s => s.Enabled))
        {
            var (line, code) = await ProbeSinkAsync(context, settings, services);
            await context.Out.WriteLineAsync($"sink {settings.Name}: {ExternalText.Escape(redactor.Redact(line))}");
            exitCode = exitCode == ExitCodes.Success ? code : exitCode;
        }

        return exitCode;
    }

    private static async Task<(string Line, int ExitCode)> ProbeSourceAsync(CliContext context, SourceSettings settings, ComponentServices services)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.Termination);
        timeout.CancelAfter(ProbeTimeout);
        ISource? source = null;
        try
        {
            source = settings.Create(services);
            await foreach (var page in source.ReadAsync(null, timeout.Token))
            {
                // One page is the cheap call: credentials, permissions and filters all had to be right for it.
                return (string.Create(CultureInfo.InvariantCulture, $"ok (first page: {page.Events.Count} events)"), ExitCodes.Success);
            }

            return ("ok (no events in the window)", ExitCodes.Success);
        }
        catch (SourceException failure)
        {
            return ("FAILED: " + failure.Message, PullRunner.ExitCodeFor(failure.Kind));
        }
        catch (ArgumentException failure)
        {
            return ("FAILED: " + failure.Message, ExitCodes.InvalidInput);
        }
        catch (OperationCanceledException) when (!context.Termination.IsCancellationRequested)
        {
            return ($"FAILED: no answer within {ProbeTimeout.TotalSeconds} s", ExitCodes.Unavailable);
        }
        finally
        {
            (source as IDisposable)?.Dispose();
        }
    }

    private static async Task<(string Line, int ExitCode)> ProbeSinkAsync(CliContext context, SinkSettings settings, ComponentServices services)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.Termination);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            await using var sink = settings.Create(services);
            return sink is ISinkProbe probe
                ? ("ok (" + await probe.ProbeAsync(timeout.Token) + ")", ExitCodes.Success)
                : ("ok (opened; nothing to connect to before the first event)", ExitCodes.Success);
        }
        catch (SinkException failure)
        {
            return ("FAILED: " + failure.Message, ExitCodes.Output);
        }
        catch (ArgumentException failure)
        {
            return ("FAILED: " + failure.Message, ExitCodes.InvalidInput);
        }
        catch (OperationCanceledException) when (!context.Termination.IsCancellationRequested)
        {
            return ($"FAILED: no answer within {ProbeTimeout.TotalSeconds} s", ExitCodes.Output);
        }
    }
}
