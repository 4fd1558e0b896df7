using AuditBridge.IO;

namespace AuditBridge.Sinks.File;

/// <summary>Classifies file-system failures: does trying again later help, or must a person act?</summary>
internal static class FileErrors
{
    // Linux errno values, which .NET puts in IOException.HResult for errors it has no dedicated exception for.
    private const int NoSpace = 28;        // ENOSPC
    private const int FileTooLarge = 27;   // EFBIG
    private const int ReadOnlyFs = 30;     // EROFS
    private const int QuotaExceeded = 122; // EDQUOT

    /// <summary>
    /// Permanent: permission denied, read-only file system, disk full, quota exceeded, file too large, a path that
    /// cannot exist, a symbolic link where links are not followed. These need a person (free space, fix permissions); retrying in a loop only hides them.
    /// Transient: anything else (an I/O error on a network file system, a file locked for a moment).
    /// </summary>
    public static bool IsTransient(Exception error) => error switch
    {
        UnauthorizedAccessException => false,
        SymbolicLinkRefusedException => false,
        PathTooLongException => false,
        DirectoryNotFoundException => false,
        IOException io when io.HResult is NoSpace or FileTooLarge or ReadOnlyFs or QuotaExceeded => false,
        _ => true,
    };

    public static string Describe(Exception error) => error switch
    {
        UnauthorizedAccessException => "permission denied",
        SymbolicLinkRefusedException link => $"'{link.Path}' is a symbolic link{(link.Target is null ? string.Empty : $" to '{link.Target}'")}, and output files are not "
            + "written through links (one planted there would send audit data into another file). Name the file itself, or allow "
            + "links (follow_symlinks: true in the configuration, --follow-symlinks on the command line)",
        IOException io when io.HResult == NoSpace => "the disk is full",
        IOException io when io.HResult == QuotaExceeded => "the disk quota is exceeded",
        IOException io when io.HResult == ReadOnlyFs => "the file system is read-only",
        IOException io when io.HResult == FileTooLarge => "the file is too large for the file system",
        _ => error.Message,
    };
}
