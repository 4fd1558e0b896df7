using System.Runtime.InteropServices;
using AuditBridge.IO;

namespace AuditBridge.Sinks.File;

/// <summary>
/// Syncs a directory, so a file created in it survives a power loss: on Linux, fsync of the file covers its data,
/// not the directory entry that names it (fsync(2), "Calling fsync() does not necessarily ensure that the entry in
/// the directory containing the file has also reached disk"). .NET cannot open a directory as a file, hence libc.
/// </summary>
internal static class DirectorySync
{
    /// <summary>Syncs <paramref name="path"/>; does nothing where the platform offers no way to.</summary>
    /// <exception cref="IOException">The directory cannot be opened or synced.</exception>
    public static void Sync(string path)
    {
        if (!LibC.IsAvailable)
        {
            // Windows has no directory fsync (NTFS journals metadata); macOS would need F_FULLFSYNC. Not supported yet.
            return;
        }

        var descriptor = LibC.Open(path, LibC.ReadOnly | LibC.Directory | LibC.CloseOnExec, 0);
        if (descriptor < 0)
        {
            throw new IOException($"Cannot open directory '{path}' to sync it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (LibC.Sync(descriptor) != 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                throw new IOException($"Cannot sync directory '{path}' (errno {errno}).", errno);
            }
        }
        finally
        {
            LibC.CloseQuietly(descriptor);
        }
    }
}
