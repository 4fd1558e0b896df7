using AuditBridge.Configuration;
using AuditBridge.Journal;
using AuditBridge.Journal.Sqlite;

namespace AuditBridge.Cli.Commands;

/// <summary>Opens the configured journal next to a running daemon (no lock, nothing created) for status and replay.</summary>
internal static class SharedJournal
{
    public static async Task<int> UseAsync(CliContext context, DaemonConfig config, Func<IJournal, Task<int>> use)
    {
        IJournal journal;
        try
        {
            journal = await SqliteJournalFactory.OpenAsync(new SqliteJournalOptions { Path = config.Journal.Path, Shared = true }, context.Time, context.Termination);
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
