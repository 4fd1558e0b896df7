using System.Runtime.InteropServices;

namespace AuditBridge.Sinks.File;

/// <summary>
/// Syncs a directory, so a file created in it survives a power loss: on Linux, fsync of the file covers its data,
/// not the directory entry that names it (fsync(2), "Calling fsync() does not necessarily ensure that the entry in
/// the directory containing the file has also reached disk"). .NET cannot open a directory as a file, hence libc.
/// </summary>
internal static class DirectorySync
{
    private const int ReadOnly = 0;         // O_RDONLY
    private const int Directory = 0x10000;  // O_DIRECTORY (Linux)

    /// <summary>Syncs <paramref name="path"/>; does nothing where the platform offers no way to.</summary>
    /// <exception cref="IOException">The directory cannot be opened or synced.</exception>
    public static void Sync(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            // Windows has no directory fsync (NTFS journals metadata); macOS would need F_FULLFSYNC. Not supported yet.
            return;
        }

        // A NUL-terminated UTF-8 byte array: what open(2) takes, with no string marshalling to get wrong.
        var descriptor = Open(System.Text.Encoding.UTF8.GetBytes(path + "\0"), ReadOnly | Directory);
        if (descriptor < 0)
        {
            throw new IOException($"Cannot open directory '{path}' to sync it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (Fsync(descriptor) != 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                throw new IOException($"Cannot sync directory '{path}' (errno {errno}).", errno);
            }
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    // DllImport, not LibraryImport: the generated marshalling needs AllowUnsafeBlocks, and these signatures need none.
    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Open(byte[] path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Fsync(int descriptor);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Close(int descriptor);
}
