using System.Globalization;
using Microsoft.Data.Sqlite;

namespace AuditBridge.Journal.Sqlite;

/// <summary>
/// Turns SQLite and file-system failures into <see cref="JournalException"/>s that name the journal, the cause and the
/// fix, classified where they happen (house style §2.6). Transient: retrying later may succeed without anyone acting
/// (a lock is released, space is freed, an I/O hiccup passes). Permanent: a person must act.
/// </summary>
internal static class SqliteErrors
{
    // Primary result codes (https://www.sqlite.org/rescode.html).
    private const int Error = 1;
    private const int Perm = 3;
    private const int Busy = 5;
    private const int Locked = 6;
    private const int NoMem = 7;
    private const int ReadOnly = 8;
    private const int Interrupt = 9;
    private const int IoErr = 10;
    private const int Corrupt = 11;
    private const int Full = 13;
    private const int CantOpen = 14;
    private const int Protocol = 15;
    private const int Auth = 23;
    private const int NotADb = 26;

    // Linux errno values, which .NET puts in IOException.HResult when it has no dedicated exception.
    private const int NoSpace = 28;        // ENOSPC
    private const int ReadOnlyFs = 30;     // EROFS
    private const int QuotaExceeded = 122; // EDQUOT

    /// <summary>Classifies a SQLite failure of <paramref name="operation"/> ("append a page to", "read").</summary>
    public static JournalException From(SqliteException error, string path, string operation, TimeSpan busyTimeout)
    {
        var detail = $"SQLite: {Detail(error)}";
        var subject = $"Cannot {operation} the journal {path}";
        return (error.SqliteErrorCode & 0xFF) switch
        {
            Busy or Locked or Protocol => new JournalException(
                JournalErrorKind.Locked,
                $"{subject}: another connection held its write lock for longer than the busy timeout ({Seconds(busyTimeout)}) ({detail}). Another process is writing to it (auditbridge replay, a backup, the sqlite3 shell); it is retried. If this persists, find the process with 'fuser {path}'.",
                isTransient: true,
                error),
            Full => new JournalException(
                JournalErrorKind.DiskFull,
                $"{subject}: the disk is full ({detail}). Nothing of it was stored and no checkpoint moved; free space in {Path.GetDirectoryName(path)} (or shorten the retention), and it is retried.",
                isTransient: true,
                error),
            IoErr or NoMem or Interrupt => new JournalException(
                JournalErrorKind.Io,
                $"{subject}: the operating system reported an I/O error ({detail}). Nothing of it was stored; it is retried. Check the disk ('dmesg') if it persists.",
                isTransient: true,
                error),
            ReadOnly or Perm or Auth or CantOpen => new JournalException(
                JournalErrorKind.ReadOnly,
                $"{subject}: it cannot be opened for writing ({detail}). Make {path}, {path}-wal, {path}-shm and their directory writable by the user running auditbridge, on a file system mounted read-write.",
                isTransient: false,
                error),
            Corrupt or NotADb => CorruptFile(path, operation, detail, error),
            Error => new JournalException(
                JournalErrorKind.Incompatible,
                $"{subject}: the journal's tables do not match what this auditbridge expects ({detail}). Was the file changed by hand or by another version?",
                isTransient: false,
                error),

            // Constraint violations, misuse, oversized values: a bug or a damaged file, and retrying would only hide it.
            _ => new JournalException(
                JournalErrorKind.Io,
                $"{subject}: {detail}. This is not expected; please report it with this message.",
                isTransient: false,
                error),
        };
    }

    /// <summary>A file that is damaged or is no database: a person must restore it or start over.</summary>
    public static JournalException CorruptFile(string path, string operation, string detail, Exception? error) => new(
        JournalErrorKind.Corrupt,
        $"Cannot {operation} the journal {path}: the file is damaged or is not a database ({detail}). Stop auditbridge, keep the file for analysis, and restore it from a backup, or move it (with {path}-wal) away to start a new journal: sources then start again from their configured start, and sinks may receive events again.",
        isTransient: false,
        error);

    /// <summary>Classifies a failure to create or open one of the journal's files (the database, its directory, the lock).</summary>
    public static JournalException FromFileSystem(Exception error, string file, string operation) => error switch
    {
        IOException io when io.HResult is NoSpace or QuotaExceeded => new JournalException(
            JournalErrorKind.DiskFull,
            $"Cannot {operation} {file}: the disk is full ({io.Message}). Free space and it is retried.",
            isTransient: true,
            error),
        UnauthorizedAccessException or IOException { HResult: ReadOnlyFs } => new JournalException(
            JournalErrorKind.ReadOnly,
            $"Cannot {operation} {file}: permission denied or read-only file system ({error.Message}). Make the directory writable by the user running auditbridge, or choose another journal path.",
            isTransient: false,
            error),
        DirectoryNotFoundException or PathTooLongException => new JournalException(
            JournalErrorKind.ReadOnly,
            $"Cannot {operation} {file}: {error.Message}. Choose a journal path in a directory that exists or can be created.",
            isTransient: false,
            error),
        _ => new JournalException(
            JournalErrorKind.Io,
            $"Cannot {operation} {file}: {error.Message}. It is retried.",
            isTransient: true,
            error),
    };

    private static string Detail(SqliteException error)
    {
        var extended = error.SqliteExtendedErrorCode;
        var message = error.Message;
        return extended != error.SqliteErrorCode
            ? $"{message}, code {extended.ToString(CultureInfo.InvariantCulture)}"
            : message;
    }

    private static string Seconds(TimeSpan timeout) => timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
}
