using System.CommandLine;
using System.Text;
using AuditBridge.Cli.Quarantine;
using AuditBridge.Cli.Terminal;
using AuditBridge.Shell;

namespace AuditBridge.Cli.Commands;

/// <summary>
/// <c>auditbridge quarantine list</c>: the vendor events the daemon read but could not map, as JSON lines (the source,
/// where it was, why, and the vendor's JSON byte for byte), read from the journal while the daemon runs.
/// </summary>
internal static class QuarantineCommand
{
    private const int Page = 500;

    public static Command Create(CliContext context)
    {
        var command = new Command("quarantine", "Vendor events that were read but could not be mapped: kept in the journal, never delivered.");
        var list = new Command("list", "Print the quarantined events as JSON lines, oldest first: id, source, vendor, received, position, error and the vendor's raw JSON.");
        var config = DaemonConfigOption.Create();
        var source = new Option<string?>("--source") { Description = "Only this configured source.", HelpName = "NAME" };
        list.Add(config);
        list.Add(source);
        list.SetAction((result, _) =>
            SharedJournal.UseExistingAsync(context, result.GetValue(config)!, async (_, journal) =>
            {
                var after = 0L;
                while (true)
                {
                    var entries = await journal.ReadQuarantineAsync(result.GetValue(source), after, Page, context.Termination);
                    foreach (var entry in entries)
                    {
                        await context.Out.WriteAsync(Encoding.UTF8.GetString(QuarantineLine.Write(entry.Id, entry.Source, entry.Received, entry.Event)));
                        after = entry.Id;
                    }

                    if (entries.Count < Page)
                    {
                        return ExitCodes.Success;
                    }
                }
            }));
        command.Add(list);
        return command;
    }
}
