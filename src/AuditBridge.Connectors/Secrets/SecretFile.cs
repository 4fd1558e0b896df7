using System.Globalization;

namespace AuditBridge.Secrets;

/// <summary>
/// Reads a file that holds a secret (a token file, a Box app config with its key) with a size limit: a secret is a few
/// KiB at most, and a path that points somewhere else (<c>/dev/zero</c>, a log file, a disk image) must fail at once
/// with a clear message instead of filling the memory.
/// </summary>
public static class SecretFile
{
    /// <summary>Largest secret file read: 64 KiB (a Box app config with a 4096-bit key is about 4 KiB).</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>The file's bytes, at most <see cref="MaxBytes"/>.</summary>
    /// <exception cref="IOException">The file cannot be read, or is larger than <see cref="MaxBytes"/>.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static byte[] ReadAllBytes(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);

        // Read up to one byte past the limit instead of trusting the length: devices and pipes report none.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        var buffer = new byte[MaxBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = stream.Read(buffer, length, buffer.Length - length)) > 0)
        {
            length += read;
        }

        if (length > MaxBytes)
        {
            throw new IOException(string.Create(
                CultureInfo.InvariantCulture,
                $"it is larger than {MaxBytes / 1024} KiB, far more than any credential: check that the path names the secret's file"));
        }

        return buffer[..length];
    }

    /// <summary>The file's text (UTF-8), at most <see cref="MaxBytes"/> bytes.</summary>
    /// <exception cref="IOException">The file cannot be read, or is too large.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static string ReadAllText(string path)
    {
        var bytes = ReadAllBytes(path);
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
    }
}
