using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace AuditBridge.IO;

/// <summary>
/// Opens the files AuditBridge writes (outputs, state, their companions) without following a symbolic link at the
/// last component of the path, creates new files owner-only (0600), and tells whether a file was created by the open.
/// </summary>
/// <remarks>
/// On Linux the refusal is atomic: <c>open(2)</c> with <c>O_NOFOLLOW</c> fails on a link (ELOOP), and creation uses
/// <c>O_CREAT | O_EXCL</c>, which never follows one either, so a link swapped in between a check and the open cannot
/// win. Elsewhere the path is checked just before a managed open (a narrow race remains; documented). Links among the
/// directories of the path are followed: they are the choice of whoever owns those directories.
/// With <c>followSymlinks</c> the file is opened the ordinary way, through any link.
/// </remarks>
internal static class NoFollowFile
{
    /// <summary>rw------- : audit data names people; a cursor and recent event ids are nobody else's business.</summary>
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Opens <paramref name="path"/> for reading and writing, creating it owner-only when it is missing.</summary>
    /// <exception cref="SymbolicLinkRefusedException">The path is a link and <paramref name="followSymlinks"/> is false.</exception>
    /// <exception cref="IOException">The file cannot be opened (the errno is in <see cref="Exception.HResult"/>).</exception>
    /// <exception cref="UnauthorizedAccessException">Permission denied, or the path is a directory.</exception>
    public static OpenedFile OpenOrCreate(string path, bool followSymlinks)
    {
        if (followSymlinks || !LibC.IsAvailable)
        {
            return OpenOrCreateManaged(path, followSymlinks);
        }

        while (true)
        {
            var descriptor = LibC.Open(path, LibC.ReadWrite | LibC.Create | LibC.Exclusive | LibC.NoFollow | LibC.CloseOnExec, OwnerOnly);
            if (descriptor >= 0)
            {
                return Wrap(descriptor, FileAccess.ReadWrite, created: true);
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno != LibC.Exists)
            {
                throw Failure(errno, path);
            }

            descriptor = LibC.Open(path, LibC.ReadWrite | LibC.NoFollow | LibC.CloseOnExec, 0);
            if (descriptor >= 0)
            {
                return Wrap(descriptor, FileAccess.ReadWrite, created: false);
            }

            errno = Marshal.GetLastPInvokeError();
            if (errno != LibC.NoEntry)
            {
                throw Failure(errno, path);
            }

            // Deleted between the two opens: create it after all.
        }
    }

    /// <summary>Opens an existing file; never creates one.</summary>
    /// <exception cref="SymbolicLinkRefusedException">The path is a link and <paramref name="followSymlinks"/> is false.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static FileStream OpenExisting(string path, FileAccess access, bool followSymlinks)
    {
        if (followSymlinks || !LibC.IsAvailable)
        {
            ThrowIfLink(path, followSymlinks);
            return new FileStream(path, new FileStreamOptions { Mode = FileMode.Open, Access = access, Share = FileShare.ReadWrite, BufferSize = 0 });
        }

        var flags = access switch
        {
            FileAccess.Read => LibC.ReadOnly,
            FileAccess.Write => LibC.WriteOnly,
            _ => LibC.ReadWrite,
        };
        var descriptor = LibC.Open(path, flags | LibC.NoFollow | LibC.CloseOnExec, 0);
        return descriptor >= 0 ? Wrap(descriptor, access, created: false).Stream : throw Failure(Marshal.GetLastPInvokeError(), path);
    }

    /// <summary>
    /// Creates a new owner-only file with an unpredictable name next to <paramref name="path"/>
    /// (<c>.NAME.RANDOM.tmp</c>), exclusively: an existing file or link of that name fails the call instead of being
    /// written through. For writing something whole and renaming it over <paramref name="path"/>.
    /// </summary>
    public static (FileStream Stream, string Path) CreateTemporaryNextTo(string path)
    {
        var directory = System.IO.Path.GetDirectoryName(path) ?? string.Empty;
        var temporary = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(path)}.{RandomNumberGenerator.GetHexString(16, lowercase: true)}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 0 };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        return (new FileStream(temporary, options), temporary);
    }

    /// <summary>
    /// Opens (creating owner-only) a lock file and takes an exclusive lock on it without waiting: <c>flock</c> on Linux,
    /// the managed open's exclusive share elsewhere. Never through a link. Held until the stream is disposed.
    /// </summary>
    /// <exception cref="IOException">Another process holds the lock (or the file cannot be opened).</exception>
    public static FileStream OpenLockFile(string path)
    {
        if (!LibC.IsAvailable)
        {
            ThrowIfLink(path, followSymlinks: false);
            var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = OwnerOnly;
            }

            return new FileStream(path, options);
        }

        var stream = OpenOrCreate(path, followSymlinks: false).Stream;
        if (LibC.TryLockExclusive((int)stream.SafeFileHandle.DangerousGetHandle()) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            stream.Dispose();
            throw new IOException(errno == LibC.WouldBlock ? $"'{path}' is locked by another process" : LibC.ErrorText(errno, path), errno);
        }

        return stream;
    }

    /// <summary>Whether <paramref name="path"/> itself (not what it points at) is a symbolic link.</summary>
    public static bool IsSymbolicLink(string path) => new FileInfo(path).LinkTarget is not null;

    private static OpenedFile OpenOrCreateManaged(string path, bool followSymlinks)
    {
        ThrowIfLink(path, followSymlinks);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite, Share = FileShare.Read, BufferSize = 0 };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        FileStream stream;
        var created = true;
        try
        {
            stream = new FileStream(path, options);
        }
        catch (IOException) when (System.IO.File.Exists(path) || IsSymbolicLink(path))
        {
            options.Mode = FileMode.OpenOrCreate;
            stream = new FileStream(path, options);
            created = false;
        }

        var described = LibC.IsAvailable ? LibC.Describe((int)stream.SafeFileHandle.DangerousGetHandle()) : null;
        return new OpenedFile(stream, created, described?.IsRegularFile ?? true, described?.Identity);
    }

    private static void ThrowIfLink(string path, bool followSymlinks)
    {
        if (!followSymlinks && IsSymbolicLink(path))
        {
            throw new SymbolicLinkRefusedException(path, new FileInfo(path).LinkTarget);
        }
    }

    private static OpenedFile Wrap(int descriptor, FileAccess access, bool created)
    {
        var described = LibC.Describe(descriptor);
        var handle = new SafeFileHandle(descriptor, ownsHandle: true);
        try
        {
            return new OpenedFile(new FileStream(handle, access, bufferSize: 0), created, described?.IsRegularFile ?? true, described?.Identity);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    // The same exception types a managed open throws, so callers classify both alike (FileErrors reads the errno).
    private static Exception Failure(int errno, string path) => errno switch
    {
        LibC.TooManyLinks when IsSymbolicLink(path) => new SymbolicLinkRefusedException(path, new FileInfo(path).LinkTarget),
        LibC.PermissionDenied or LibC.NotPermitted or LibC.IsDirectory => new UnauthorizedAccessException($"Access to the path '{path}' is denied."),
        LibC.NoEntry when !Directory.Exists(System.IO.Path.GetDirectoryName(path)) => new DirectoryNotFoundException($"Could not find a part of the path '{path}'."),
        LibC.NoEntry => new FileNotFoundException($"Could not find file '{path}'.", path),
        LibC.NotDirectory => new DirectoryNotFoundException($"Could not find a part of the path '{path}'."),
        _ => new IOException(LibC.ErrorText(errno, path), errno),
    };
}
