namespace AuditBridge.Journal.Sqlite;

/// <summary>
/// The journal's files and their permissions. Audit data names people, files and addresses, so everything the journal
/// creates is owner-only on Unix: the directory 0700, the database and the lock file 0600. SQLite creates the -wal and
/// -shm files with the database file's mode (its unix VFS copies it), and <see cref="RestrictCompanions"/> narrows any
/// left by another tool.
/// </summary>
internal static class SqliteJournalFiles
{
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public static string LockPath(string path) => path + ".lock";

    public static IEnumerable<string> Companions(string path) => [path + "-wal", path + "-shm"];

    /// <summary>Creates the journal's directory (0700) when it is missing; an existing one keeps its mode.</summary>
    public static void CreateDirectory(string path)
    {
        var directory = Path.GetDirectoryName(path)!;
        if (Directory.Exists(directory))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, OwnerOnlyDirectory);
        }
    }

    /// <summary>Creates the database file (0600) when it is missing; an existing one keeps its mode.</summary>
    /// <returns>True when the file was created now.</returns>
    public static bool CreateDatabaseFile(string path)
    {
        if (File.Exists(path))
        {
            return false;
        }

        // Created before SQLite opens it, so the file never exists with the umask's wider mode.
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.ReadWrite };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        try
        {
            using (new FileStream(path, options))
            {
            }

            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it in between; SQLite opens whatever is there and checks it.
            return false;
        }
    }

    /// <summary>Narrows the -wal and -shm files to the database file's mode when they allow more.</summary>
    public static void RestrictCompanions(string path)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(path))
        {
            return;
        }

        var mode = File.GetUnixFileMode(path);
        foreach (var companion in Companions(path))
        {
            try
            {
                if (File.Exists(companion) && (File.GetUnixFileMode(companion) & ~mode) != 0)
                {
                    File.SetUnixFileMode(companion, File.GetUnixFileMode(companion) & mode);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Owned by another user (root ran a tool on it?): SQLite reports the real problem if it cannot use it.
            }
        }
    }
}
