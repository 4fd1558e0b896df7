using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace AuditBridge.Sources.Json;

/// <summary>
/// Tells two files apart by their first line: SHA-256 (hex) of the bytes up to and including the first LF, or of the
/// first 4 KiB when the first line is longer. A log file's first line carries a unique event id, so a rotated or
/// rewritten file has another fingerprint; unlike a device and inode number (which .NET does not expose, and which a
/// restore from backup changes), it survives copies and is the same on every platform.
/// </summary>
internal static class FileFingerprint
{
    public const int MaxBytes = 4096;

    /// <summary>The fingerprint, or null while the file has no complete first line (nothing read from it can be kept yet).</summary>
    public static string? Of(SafeFileHandle file)
    {
        Span<byte> head = stackalloc byte[MaxBytes];
        var read = 0;
        while (read < head.Length)
        {
            var n = RandomAccess.Read(file, head[read..], read);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        var newline = head[..read].IndexOf((byte)'\n');
        if (newline < 0 && read < MaxBytes)
        {
            return null;
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(head[..(newline < 0 ? read : newline + 1)], hash);
        return Convert.ToHexStringLower(hash);
    }
}
