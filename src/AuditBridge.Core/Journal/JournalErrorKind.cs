namespace AuditBridge.Journal;

/// <summary>Why a journal operation failed; decides what the daemon does and what <c>auditbridge status</c> shows.</summary>
public enum JournalErrorKind
{
    /// <summary>Another connection held the journal's write lock for longer than the busy timeout. Transient.</summary>
    Locked,

    /// <summary>Another process (a second daemon) has the journal open for writing. Permanent: stop one of them.</summary>
    InUse,

    /// <summary>The disk (or the journal's size limit) is full. Transient: space may be freed; nothing was stored.</summary>
    DiskFull,

    /// <summary>
    /// The operating system reported an I/O error: transient, retried, and shown while it lasts. Also an unexpected store
    /// failure (a constraint violation, misuse): then permanent, because retrying would only hide a bug or a damaged file.
    /// <see cref="JournalException.IsTransient"/> tells which.
    /// </summary>
    Io,

    /// <summary>The journal or its directory cannot be written (read-only file system, permissions). Permanent.</summary>
    ReadOnly,

    /// <summary>There is no journal where one was expected (a tool opened it before the daemon created it). Permanent.</summary>
    NotFound,

    /// <summary>The file is damaged or is not a database at all. Permanent: restore a backup or start a new journal.</summary>
    Corrupt,

    /// <summary>The file is a database, but not an AuditBridge journal this version can use (foreign, newer or older schema). Permanent.</summary>
    Incompatible,

    /// <summary>
    /// A fenced write came under a lease that has moved on (another worker took it, or it was taken again): the write
    /// was refused in its own transaction and nothing of it is stored. Permanent for this writer: it no longer owns the
    /// component and must stop writing for it.
    /// </summary>
    Fenced,
}
