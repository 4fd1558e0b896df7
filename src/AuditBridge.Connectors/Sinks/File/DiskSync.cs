namespace AuditBridge.Sinks.File;

/// <summary>The real <see cref="IDiskSync"/>: <c>fsync</c> of the file, and of the directory on Linux (<see cref="DirectorySync"/>).</summary>
internal sealed class DiskSync : IDiskSync
{
    public static DiskSync Instance { get; } = new();

    public void Flush(FileStream file, bool flushToDisk) => file.Flush(flushToDisk);

    public void SyncDirectory(string path) => DirectorySync.Sync(path);
}
