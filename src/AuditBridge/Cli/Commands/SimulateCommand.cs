using System.CommandLine;
using AuditBridge.Cli.Terminal;
using AuditBridge.Shell;
using AuditBridge.Simulators.Dropbox;

namespace AuditBridge.Cli.Commands;

/// <summary><c>auditbridge simulate dropbox</c>: runs the vendor simulator in the foreground, to try the CLI without credentials.</summary>
internal static class SimulateCommand
{
    public static Command Create(CliContext context)
    {
        var simulate = new Command("simulate", "Run a vendor API simulator on loopback (the one the tests and the demo use) until Ctrl-C.");
        var dropbox = new Command("dropbox", "Simulate the Dropbox team_log API: get_events, continue and /oauth2/token, with faults on demand (docs/simulators.md).");
        var port = new Option<int>("--port") { Description = "Loopback port (0 = any free port).", DefaultValueFactory = _ => 0 };
        var events = new Option<long?>("--events") { Description = "Number of events (default: unbounded, one every 10 s up to now)." };
        var seed = new Option<int>("--seed") { Description = "Seed of the deterministic dataset.", DefaultValueFactory = _ => 0 };
        dropbox.Add(port);
        dropbox.Add(events);
        dropbox.Add(seed);
        dropbox.SetAction(async (result, _) =>
        {
            var options = new DropboxSimulatorOptions { Port = result.GetValue(port), EventCount = result.GetValue(events), Seed = result.GetValue(seed) };
            await using var simulator = await DropboxSimulator.StartAsync(options, context.Time, context.Termination);
            await context.Out.WriteLineAsync($"Dropbox simulator listening on {simulator.BaseUrl}");
            await context.Out.WriteLineAsync($"Try: DROPBOX_ACCESS_TOKEN={options.AccessToken} ./auditbridge pull dropbox --api-url {simulator.BaseUrl} --category logins");
            await context.Out.WriteLineAsync($"Or with a refresh token: DROPBOX_REFRESH_TOKEN={options.RefreshToken} DROPBOX_APP_KEY={options.AppKey} DROPBOX_APP_SECRET={options.AppSecret}");
            await context.Out.WriteLineAsync("Faults: POST /_simulator/faults (docs/simulators.md). Ctrl-C stops.");
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, context.Time, context.Termination);
            }
            catch (OperationCanceledException)
            {
            }

            return ExitCodes.Success;
        });
        simulate.Add(dropbox);
        return simulate;
    }
}
