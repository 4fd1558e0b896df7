namespace AuditBridge.Journal.Sqlite;

/// <summary>
/// The daemon's claim on a journal: <c>&lt;journal&gt;.lock</c> next to it, opened exclusively (an advisory
/// <c>flock</c> on Unix) and held while the journal is open, so a second daemon on the same file is refused at once
/// instead of interleaving appends and checkpoints. The operating system drops the lock when the process dies, also
/// on SIGKILL. Tools that only read or request positions (<c>status</c>, <c>replay</c>) open the journal shared and
/// never take it.
/// </summary>
internal sealed class SqliteJournalLock : IDisposable
{
    private readonly FileStream _stream;

    private SqliteJournalLock(FileStream stream) => _stream = stream;

    public static SqliteJournalLock Acquire(string journalPath)
    {
        var lockPath = SqliteJournalFiles.LockPath(journalPath);
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = SqliteJournalFiles.OwnerOnly;
        }

        try
        {
            return new SqliteJournalLock(new FileStream(lockPath, options));
        }
        catch (IOException e) when (File.Exists(lockPath) && e.GetType() == typeof(IOException) && !IsDiskError(e))
        {
            // The lock file outlives its holder; failing to lock an existing one means somebody holds it now.
            throw new JournalException(
                JournalErrorKind.InUse,
                $"The journal {journalPath} is in use by another auditbridge process (it holds {lockPath}). Only one daemon may write a journal: stop the other 'auditbridge run', or give this one its own journal path.",
                isTransient: false,
                e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw SqliteErrors.FromFileSystem(e, lockPath, "create the journal's lock file");
        }
    }

    public void Dispose() => _stream.Dispose();

    // ENOSPC, EROFS, EDQUOT: failures to create the file, not to lock it.
    private static bool IsDiskError(IOException e) => e.HResult is 28 or 30 or 122;
}
