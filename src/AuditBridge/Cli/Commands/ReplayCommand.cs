using System.CommandLine;
using System.Globalization;
using AuditBridge.Cli.Terminal;
using AuditBridge.Journal;
using AuditBridge.Settings;
using AuditBridge.Shell;

namespace AuditBridge.Cli.Commands;

/// <summary>
/// <c>auditbridge replay</c>: asks a sink to deliver again from a time or a sequence number. The request is stored in
/// the journal; the running daemon's delivery loop takes it between two batches (or the next daemon start does).
/// </summary>
internal static class ReplayCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("replay", "Deliver stored events to one sink again, from a time (--since) or after a sequence number (--from-seq); works while the daemon runs.");
        var config = DaemonConfigOption.Create();
        var sink = new Option<string>("--sink") { Description = "The configured sink that delivers again.", Required = true, HelpName = "NAME" };
        var since = new Option<string?>("--since") { Description = "Events that happened at or after TIME (ISO 8601 with Z or an offset, or relative: 2h, 7d).", HelpName = "TIME" };
        var received = new Option<bool>("--received") { Description = "With --since: compare with when AuditBridge stored the events instead of when they happened." };
        var fromSeq = new Option<long?>("--from-seq") { Description = "Events with a sequence number of N and above.", HelpName = "N" };
        foreach (var option in new Option[] { config, sink, since, received, fromSeq })
        {
            command.Add(option);
        }

        command.SetAction(async (result, _) =>
        {
            var sinceText = result.GetValue(since);
            var fromSequence = result.GetValue(fromSeq);
            if ((sinceText is null) == (fromSequence is null))
            {
                await context.Error.WriteLineAsync("error: give exactly one of --since TIME and --from-seq N");
                return ExitCodes.Usage;
            }

            if (fromSequence is < 1)
            {
                await context.Error.WriteLineAsync("error: --from-seq must be 1 or more (sequence numbers start at 1)");
                return ExitCodes.Usage;
            }

            TimeText? sinceTime = null;
            try
            {
                sinceTime = sinceText is null ? null : TimeText.Parse("--since", sinceText);
            }
            catch (UsageException usage)
            {
                await context.Error.WriteLineAsync("error: " + usage.Message);
                return usage.ExitCode;
            }

            var loaded = await DaemonConfigOption.LoadAsync(context, result.GetValue(config)!);
            if (loaded is null)
            {
                return ExitCodes.InvalidInput;
            }

            var name = result.GetValue(sink)!;
            if (loaded.Sinks.All(s => s.Name != name))
            {
                await context.Error.WriteLineAsync($"error: no sink is named '{name}' in {loaded.File} (sinks: {string.Join(", ", loaded.Sinks.Select(s => s.Name))})");
                return ExitCodes.Usage;
            }

            return await SharedJournal.UseAsync(context, loaded, async journal =>
            {
                var head = await journal.GetHeadAsync(context.Termination);
                var first = sinceTime is null
                    ? fromSequence!.Value
                    : await journal.FindSequenceAsync(sinceTime.Resolve(context.Time.GetUtcNow()), result.GetValue(received) ? JournalTimeField.Received : JournalTimeField.Time, context.Termination);
                await journal.RequestPositionAsync(name, first - 1, context.Termination);
                await context.Out.WriteLineAsync(first > head
                    ? string.Create(CultureInfo.InvariantCulture, $"Requested: sink {name} continues after sequence {first - 1}; nothing stored matches yet (head {head}), so it delivers only new events.")
                    : string.Create(CultureInfo.InvariantCulture, $"Requested: sink {name} delivers again from sequence {first} (up to {head - first + 1} events, before its filters). A running daemon takes the request after the batch in flight; otherwise the next start does."));
                return ExitCodes.Success;
            });
        });
        return command;
    }
}
