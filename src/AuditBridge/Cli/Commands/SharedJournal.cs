using AuditBridge.Cli.Terminal;
using AuditBridge.Configuration;
using AuditBridge.Journal;
using AuditBridge.Shell;

namespace AuditBridge.Cli.Commands;

/// <summary>Opens the configured journal next to a running daemon (no lock, nothing created) for status and replay.</summary>
internal static class SharedJournal
{
    /// <summary>
    /// Loads the configuration named by <c>--config</c> and runs <paramref name="use"/> over its journal, which must exist
    /// already (a tool never creates one). Every problem is printed; the exit code says which.
    /// </summary>
    public static async Task<int> UseExistingAsync(CliContext context, string configFile, Func<DaemonConfig, IJournal, Task<int>> use)
    {
        var loaded = await DaemonConfigOption.LoadAsync(context, configFile);
        if (loaded is null)
        {
            return ExitCodes.InvalidInput;
        }

        if (!JournalFactory.Exists(loaded.Journal.Location(shared: true)))
        {
            await context.Error.WriteLineAsync($"error: no journal at {loaded.Journal.Path} yet: start the daemon (auditbridge run --config {loaded.File}) first");
            return ExitCodes.State;
        }

        return await UseAsync(context, loaded, journal => use(loaded, journal));
    }

    public static async Task<int> UseAsync(CliContext context, DaemonConfig config, Func<IJournal, Task<int>> use)
    {
        IJournal journal;
        try
        {
            journal = await JournalFactory.OpenAsync(config.Journal.Location(shared: true), context.Time, context.Termination);
        }
        catch (JournalException failure)
        {
            await context.Error.WriteLineAsync("error: " + failure.Message);
            return ExitCodes.State;
        }

        await using (journal)
        {
            try
            {
                return await use(journal);
            }
            catch (JournalException failure)
            {
                await context.Error.WriteLineAsync("error: " + failure.Message);
                return ExitCodes.State;
            }
        }
    }
}
