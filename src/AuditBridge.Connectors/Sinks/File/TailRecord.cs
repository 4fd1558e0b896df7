using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AuditBridge.IO;

namespace AuditBridge.Sinks.File;

/// <summary>
/// What the file sink writes next to a file while it appends to it (<c>.NAME.auditbridge-tail</c>, owner-only): which
/// file it is (device and inode, on Linux) and the length at which the sink took it over, with the SHA-256 of the bytes
/// just before that length. After a crash this is the proof that a partial last line is a record the sink tore, and
/// may be cut: everything after that length was written by the sink (one writer per file). A file without a matching
/// record is never cut; the sink refuses to append to it instead.
/// </summary>
/// <remarks>
/// The record is written when the sink opens a file, which is then at a record boundary (ends with LF, or is empty),
/// and deleted when the sink closes the file cleanly: it exists only while the sink has the file open, or after the
/// sink stopped without closing it.
/// </remarks>
internal sealed record TailRecord(FileIdentity? Identity, long Length, string Digest)
{
    /// <summary>How many bytes before <see cref="Length"/> the digest covers (fewer in a shorter file).</summary>
    public const int DigestedBytes = 4096;

    private const string Magic = "auditbridge-tail 1";

    /// <summary>The record's path for <paramref name="file"/>: hidden, in the same directory.</summary>
    public static string PathFor(string file) =>
        System.IO.Path.Combine(System.IO.Path.GetDirectoryName(file) ?? string.Empty, $".{System.IO.Path.GetFileName(file)}.auditbridge-tail");

    /// <summary>The record of <paramref name="file"/> as it is now: its current length and the bytes before it.</summary>
    public static TailRecord Of(FileStream file, FileIdentity? identity)
    {
        var length = file.Length;
        return new TailRecord(identity, length, DigestBefore(file, length));
    }

    /// <summary>The record at <paramref name="path"/>, or null when there is none, it is a link, or it is not one of ours.</summary>
    public static TailRecord? Read(string path)
    {
        string text;
        try
        {
            using var stream = NoFollowFile.OpenExisting(path, FileAccess.Read, followSymlinks: false);
            if (stream.Length > 1024)
            {
                return null;
            }

            text = Encoding.ASCII.GetString(ReadAll(stream));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // "auditbridge-tail 1 device=HEX inode=HEX length=DEC sha256=HEX\n"; device and inode "-" where unknown.
        var fields = text.TrimEnd('\n').Split(' ');
        if (!text.EndsWith('\n') || fields.Length != 6 || $"{fields[0]} {fields[1]}" != Magic
            || Value(fields[2], "device=") is not { } device || Value(fields[3], "inode=") is not { } inode
            || Value(fields[4], "length=") is not { } lengthText || Value(fields[5], "sha256=") is not { Length: 64 } digest
            || !long.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            return null;
        }

        FileIdentity? identity = null;
        if (device != "-" || inode != "-")
        {
            if (!ulong.TryParse(device, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var d)
                || !ulong.TryParse(inode, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var i))
            {
                return null;
            }

            identity = new FileIdentity(d, i);
        }

        return new TailRecord(identity, length, digest);
    }

    /// <summary>Deletes the record of a file the sink closed cleanly; a failure leaves a record that the next open rewrites.</summary>
    public static void Delete(string path)
    {
        try
        {
            System.IO.File.Delete(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Harmless: a record only ever allows cutting what follows its length, and the next open replaces it.
        }
    }

    /// <summary>
    /// True when this record shows that everything from <paramref name="cutAt"/> on in <paramref name="file"/> was
    /// written by the sink: it is the same file, the sink took it over at or before <paramref name="cutAt"/>, and the
    /// bytes before that point are still the ones it saw then.
    /// </summary>
    public bool Proves(FileStream file, FileIdentity? identity, long cutAt)
    {
        if (Identity is { } recorded && identity is { } actual && recorded != actual)
        {
            return false;
        }

        return Length <= cutAt && Length <= file.Length && string.Equals(DigestBefore(file, Length), Digest, StringComparison.Ordinal);
    }

    /// <summary>
    /// Writes the record to <paramref name="path"/> (never through a link), replacing an older one; with
    /// <paramref name="flushToDisk"/> it is synced, so it outlives a power loss like the batches after it.
    /// </summary>
    /// <returns>True when the record file was created by this call (its directory entry is new).</returns>
    public bool Write(string path, IDiskSync disk, bool flushToDisk)
    {
        var opened = NoFollowFile.OpenOrCreate(path, followSymlinks: false);
        using var stream = opened.Stream;
        var identity = Identity is { } id
            ? string.Create(CultureInfo.InvariantCulture, $"device={id.Device:x} inode={id.Inode:x}")
            : "device=- inode=-";
        var text = string.Create(CultureInfo.InvariantCulture, $"{Magic} {identity} length={Length} sha256={Digest}\n");
        stream.SetLength(0);
        stream.Write(Encoding.ASCII.GetBytes(text));
        disk.Flush(stream, flushToDisk);
        return opened.Created;
    }

    private static string DigestBefore(FileStream file, long length)
    {
        var count = (int)Math.Min(length, DigestedBytes);
        var bytes = new byte[count];
        file.Position = length - count;
        file.ReadExactly(bytes);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    private static byte[] ReadAll(FileStream stream)
    {
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    private static string? Value(string field, string name) =>
        field.StartsWith(name, StringComparison.Ordinal) ? field[name.Length..] : null;
}
