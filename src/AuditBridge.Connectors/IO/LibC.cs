using System.Runtime.InteropServices;

namespace AuditBridge.IO;

/// <summary>
/// The few libc calls .NET does not offer: <c>open</c> with <c>O_NOFOLLOW</c>, <c>fsync</c> of a directory,
/// <c>flock</c> on a handle opened here, and <c>statx</c> for a file's type and identity. Linux only: the flag values
/// are Linux's, per architecture where they differ (asm-generic/fcntl.h against arch/arm64, arm, powerpc).
/// </summary>
internal static class LibC
{
    public const int ReadOnly = 0;           // O_RDONLY
    public const int WriteOnly = 1;          // O_WRONLY
    public const int ReadWrite = 2;          // O_RDWR
    public const int Create = 0x40;          // O_CREAT
    public const int Exclusive = 0x80;       // O_EXCL
    public const int CloseOnExec = 0x80000;  // O_CLOEXEC

    public const int NoEntry = 2;            // ENOENT
    public const int PermissionDenied = 13;  // EACCES
    public const int NotPermitted = 1;       // EPERM
    public const int Exists = 17;            // EEXIST
    public const int NotDirectory = 20;      // ENOTDIR
    public const int IsDirectory = 21;       // EISDIR
    public const int WouldBlock = 11;        // EAGAIN / EWOULDBLOCK
    public const int TooManyLinks = 40;      // ELOOP: what O_NOFOLLOW answers for a symbolic link

    private const int LockExclusive = 2;     // LOCK_EX
    private const int LockNonBlocking = 4;   // LOCK_NB
    private const int EmptyPath = 0x1000;    // AT_EMPTY_PATH
    private const uint StatxType = 0x1;      // STATX_TYPE
    private const uint StatxInode = 0x100;   // STATX_INO
    private const int TypeMask = 0xF000;     // S_IFMT
    private const int RegularFile = 0x8000;  // S_IFREG

    /// <summary>True where these calls are used: Linux on an architecture whose flag values are known.</summary>
    public static bool IsAvailable => OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture is
        Architecture.X64 or Architecture.X86 or Architecture.Arm64 or Architecture.Arm or Architecture.Armv6
        or Architecture.Ppc64le or Architecture.S390x or Architecture.RiscV64 or Architecture.LoongArch64;

    /// <summary>O_NOFOLLOW: arm, arm64 and powerpc use 0100000, the others asm-generic's 0400000.</summary>
    public static int NoFollow => UsesArmFlags ? 0x8000 : 0x20000;

    /// <summary>O_DIRECTORY: arm, arm64 and powerpc use 040000, the others asm-generic's 0200000.</summary>
    public static int Directory => UsesArmFlags ? 0x4000 : 0x10000;

    private static bool UsesArmFlags => RuntimeInformation.ProcessArchitecture is
        Architecture.Arm64 or Architecture.Arm or Architecture.Armv6 or Architecture.Ppc64le;

    /// <summary>open(2) with a NUL-terminated UTF-8 path; returns the descriptor or -1 (errno in <see cref="Marshal.GetLastPInvokeError"/>).</summary>
    public static int Open(string path, int flags, UnixFileMode mode) => OpenNative(Utf8(path), flags, (uint)mode);

    /// <summary>fsync(2); 0 or -1.</summary>
    public static int Sync(int descriptor) => Fsync(descriptor);

    /// <summary>close(2), errors ignored: nothing was written through descriptors closed here.</summary>
    public static void CloseQuietly(int descriptor) => _ = Close(descriptor);

    /// <summary>flock(LOCK_EX | LOCK_NB) on <paramref name="descriptor"/>; 0 or -1 (<see cref="WouldBlock"/> when another process holds it).</summary>
    public static int TryLockExclusive(int descriptor) => Flock(descriptor, LockExclusive | LockNonBlocking);

    /// <summary>The type and identity of the open file, or null when statx is not there (a C library before glibc 2.28).</summary>
    public static (bool IsRegularFile, FileIdentity Identity)? Describe(int descriptor)
    {
        // struct statx is the same on every architecture: stx_mode at 28, stx_ino at 32, stx_dev_major/minor at 136/140.
        var buffer = new byte[256];
        try
        {
            if (Statx(descriptor, [0], EmptyPath, StatxType | StatxInode, buffer) != 0)
            {
                return null;
            }
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }

        var mode = BitConverter.ToUInt16(buffer, 28);
        var identity = new FileIdentity(
            ((ulong)BitConverter.ToUInt32(buffer, 136) << 32) | BitConverter.ToUInt32(buffer, 140),
            BitConverter.ToUInt64(buffer, 32));
        return ((mode & TypeMask) == RegularFile, identity);
    }

    /// <summary>The C library's text for <paramref name="errno"/>.</summary>
    public static string ErrorText(int errno, string path) => $"{Marshal.GetPInvokeErrorMessage(errno)} : '{path}'";

    private static byte[] Utf8(string path) => System.Text.Encoding.UTF8.GetBytes(path + "\0");

    // DllImport, not LibraryImport: the generated marshalling needs AllowUnsafeBlocks, and these signatures need none.
    // open(2) is variadic; on Linux's calling conventions the mode passed as a third fixed argument is what it reads.
    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int OpenNative(byte[] path, int flags, uint mode);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Fsync(int descriptor);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Close(int descriptor);

    [DllImport("libc", EntryPoint = "flock", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Flock(int descriptor, int operation);

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Statx(int directory, byte[] path, int flags, uint mask, byte[] buffer);
}
