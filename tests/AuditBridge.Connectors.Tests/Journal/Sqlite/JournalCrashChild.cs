using System.Globalization;
using System.Runtime.InteropServices;
using AuditBridge.Journal.Sqlite;
using AuditBridge.Sources;

namespace AuditBridge.Connectors.Tests.Journal.Sqlite;

/// <summary>
/// The child process of the crash tests, in the test assembly itself (Go's helper-process pattern): a test starts
/// <c>dotnet AuditBridge.Connectors.Tests.dll</c> with this assembly as a .NET startup hook (<see cref="StartupHook"/>)
/// and the command in <see cref="Variable"/>; the hook runs the child before xUnit's entry point starts, then exits.
/// CI needs nothing beyond the built test assembly, and the child always runs the journal the tests were built against.
/// (A module initializer cannot do this: code of the module on other threads waits until the initializer returns.)
/// </summary>
/// <remarks>
/// Commands (arguments separated by '|'):
/// <c>append|DB|PAGES[|pause|N|events or recent|INDEX]</c> re-appends the last stored page (it must be all duplicates),
/// then appends the following pages up to PAGES, writing "begin P" and "committed P" lines; with a pause it appends N
/// pages, then stops inside the next one's transaction when item INDEX of its events or recent ids is read, writes
/// "paused P" and waits for the kill.
/// <c>umask|DB</c> sets the umask to 000, opens a new journal, appends a page, writes "open" and waits.
/// </remarks>
internal static class JournalCrashChild
{
    public const string Variable = "AUDITBRIDGE_JOURNAL_CRASH_CHILD";

    // Exit codes the test reports.
    public const int DuplicateCheckFailed = 3;
    public const int Failed = 70;

    /// <summary>Runs the command and ends the process with its exit code.</summary>
    internal static void Run(string command)
    {
        int exitCode;
        try
        {
            exitCode = RunAsync(command.Split('|')).GetAwaiter().GetResult();
        }
#pragma warning disable CA1031 // The child's boundary: any failure becomes an exit code and a message for the test.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Console.Error.WriteLine(e);
            exitCode = Failed;
        }

        Console.Out.Flush();
        Environment.Exit(exitCode);
    }

    private static async Task<int> RunAsync(string[] args)
    {
        switch (args[0])
        {
            case "append":
                return await AppendAsync(args[1], Number(args[2]), args.Length > 3 ? (Number(args[4]), args[5], Number(args[6])) : null);
            case "umask":
                _ = Umask(0);
                await using (var journal = await SqliteJournalFactory.OpenAsync(new SqliteJournalOptions { Path = args[1] }, TimeProvider.System, CancellationToken.None))
                {
                    await journal.AppendAsync(CrashPages.Source, new SourcePage(CrashPages.Events(1), CrashPages.Checkpoint(1), HasMore: false), TimeProvider.System.GetUtcNow(), CancellationToken.None);
                    Say("open");
                    Console.In.ReadLine();
                }

                return 0;
            default:
                throw new ArgumentException($"unknown crash child command '{args[0]}'");
        }
    }

    private static async Task<int> AppendAsync(string path, int lastPage, (int After, string Where, int Index)? pause)
    {
        await using var journal = await SqliteJournalFactory.OpenAsync(new SqliteJournalOptions { Path = path }, TimeProvider.System, CancellationToken.None);
        var stored = CrashPages.PageOf(await journal.GetCheckpointAsync(CrashPages.Source, CancellationToken.None));
        if (stored > 0)
        {
            // The page that was stored last comes again (as after a restart from an older checkpoint): all duplicates.
            var again = await journal.AppendAsync(CrashPages.Source, new SourcePage(CrashPages.Events(stored), CrashPages.Checkpoint(stored), HasMore: true), Now, CancellationToken.None);
            if (again.Inserted != 0 || again.Duplicates != CrashPages.EventsPerPage)
            {
                Console.Error.WriteLine($"re-appending page {stored} stored {again.Inserted} and skipped {again.Duplicates}");
                return DuplicateCheckFailed;
            }
        }

        Say($"ready {stored}");
        for (var page = stored + 1; page <= lastPage; page++)
        {
            var events = CrashPages.Events(page);
            var checkpoint = CrashPages.Checkpoint(page);
            if (pause is { } p && page == stored + p.After + 1)
            {
                var paused = page;
                void Wait()
                {
                    Say($"paused {paused}");
                    Console.In.ReadLine();
                    throw new InvalidOperationException("the crash test did not kill the child while it was paused");
                }

                if (p.Where == "events")
                {
                    // The journal reads a page's events before its transaction; its test seam is the point inside.
                    var index = p.Index;
                    ((SqliteJournal)journal).BeforeEventInTransaction = i =>
                    {
                        if (i == index)
                        {
                            Wait();
                        }
                    };
                }
                else
                {
                    checkpoint = checkpoint with { Recent = new PausingList<SeenEvent>(checkpoint.Recent, p.Index, Wait) };
                }
            }

            Say($"begin {page}");
            await journal.AppendAsync(CrashPages.Source, new SourcePage(events, checkpoint, HasMore: true), Now, CancellationToken.None);
            Say($"committed {page}");
        }

        return 0;
    }

    private static DateTimeOffset Now => TimeProvider.System.GetUtcNow();

    private static int Number(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    private static void Say(string line)
    {
        Console.Out.WriteLine(line);
        Console.Out.Flush();
    }

    [DllImport("libc", EntryPoint = "umask")]
#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code in the test project; a plain P/Invoke is enough.
    private static extern uint Umask(uint mask);
#pragma warning restore SYSLIB1054
}
