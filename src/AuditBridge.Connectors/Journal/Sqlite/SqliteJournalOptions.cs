namespace AuditBridge.Journal.Sqlite;

/// <summary>Settings of the SQLite journal (the <c>sqlite</c> journal type). <see cref="Validate"/> lists every problem at once.</summary>
public sealed record SqliteJournalOptions
{
    /// <summary>
    /// The journal file. Required. The daemon passes a path next to its configuration. A missing directory is created
    /// 0700 and a new file 0600 on Unix (with its -wal, -shm and .lock files); existing ones keep their modes.
    /// </summary>
    public required string Path { get; init; }

    /// <summary>
    /// How long an operation waits for another connection's write lock (another process writing the same file) before
    /// it fails with a transient <see cref="JournalErrorKind.Locked"/> error. Default 5 s; 0 fails at once; at most
    /// 24 days (SQLite takes milliseconds as a 32-bit number).
    /// </summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Default true: every commit (an appended page, a sink position) is synced to the disk (SQLite
    /// <c>synchronous=FULL</c>), so what an append or a position update reported survives a power loss or an OS crash,
    /// not only a crash of the process. False (<c>synchronous=NORMAL</c>) syncs only when the write-ahead log is copied
    /// into the database: appends are faster on slow disks, the journal stays consistent, but a power loss can undo the
    /// last commits. The sources then re-read those pages from their older checkpoints and the sinks may send those
    /// events again (at least once holds; nothing is lost that the vendor still has).
    /// </summary>
    public bool SynchronousFull { get; init; } = true;

    /// <summary>
    /// Default false: the daemon's open, which takes the journal's lock file (a second daemon is refused), creates the
    /// file and upgrades its schema. True: a tool's open next to a running daemon (<c>auditbridge status</c>,
    /// <c>replay</c>): no lock is taken, nothing is created or upgraded, appends are refused; reads, status and
    /// position requests work.
    /// </summary>
    public bool Shared { get; init; }

    /// <summary>Test hook: caps the database at this many pages (SQLite <c>max_page_count</c>) to simulate a full disk.</summary>
    internal long? MaxPageCount { get; init; }

    /// <summary>Every problem with these settings, one sentence each; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Path))
        {
            errors.Add("Path is required.");
        }
        else if (Path.IndexOfAny(System.IO.Path.GetInvalidPathChars()) >= 0)
        {
            errors.Add($"Path '{Path}' contains characters that are not allowed in a path.");
        }
        else if (Directory.Exists(Path))
        {
            errors.Add($"Path '{Path}' is a directory; name a file in it (for example journal.db).");
        }

        if (BusyTimeout < TimeSpan.Zero || BusyTimeout.TotalMilliseconds > int.MaxValue)
        {
            errors.Add($"BusyTimeout {BusyTimeout} is out of range (0 to {TimeSpan.FromMilliseconds(int.MaxValue)}).");
        }

        return errors;
    }
}
