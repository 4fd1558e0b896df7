using System.Collections.Concurrent;
using AuditBridge.Sinks.File;

namespace AuditBridge.Connectors.Tests.Sinks.File;

/// <summary>
/// Stands in for the disk: remembers, per file, how many bytes were forced to the device (an fsync covers the file as
/// long as it is then), and which directories were synced. No real fsync happens.
/// </summary>
internal sealed class RecordingDiskSync : IDiskSync
{
    private readonly ConcurrentDictionary<string, long> _durable = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _directories = new();

    /// <summary>Directories synced, in order.</summary>
    public IReadOnlyList<string> SyncedDirectories => [.. _directories];

    /// <summary>The length of <paramref name="path"/> at its last fsync, or 0 when it was never synced.</summary>
    public long DurableLength(string path) => _durable.GetValueOrDefault(Path.GetFullPath(path));

    public void Flush(FileStream file, bool flushToDisk)
    {
        file.Flush(flushToDisk: false);
        if (flushToDisk)
        {
            _durable[PathOf(file)] = file.Length;
        }
    }

    public void SyncDirectory(string path) => _directories.Enqueue(Path.GetFullPath(path));

    // The sink opens files by descriptor (NoFollowFile), so the stream has no name; the kernel knows the path.
    private static string PathOf(FileStream file) =>
        new FileInfo($"/proc/self/fd/{file.SafeFileHandle.DangerousGetHandle()}").LinkTarget
        ?? throw new InvalidOperationException("cannot tell which file the stream is (Linux /proc is needed)");
}
