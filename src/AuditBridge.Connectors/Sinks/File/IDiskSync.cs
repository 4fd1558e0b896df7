namespace AuditBridge.Sinks.File;

/// <summary>
/// The one place the file sink forces bytes to the disk. Nothing outside the kernel can see whether an fsync happened,
/// so tests put a recorder here to prove which bytes the sink made durable before a write completed.
/// </summary>
internal interface IDiskSync
{
    /// <summary>Flushes <paramref name="file"/>; with <paramref name="flushToDisk"/> also forces its data to the device (fsync).</summary>
    void Flush(FileStream file, bool flushToDisk);

    /// <summary>Forces the entries of the directory <paramref name="path"/> (a new file's name) to the device.</summary>
    /// <exception cref="IOException">The directory cannot be opened or synced.</exception>
    void SyncDirectory(string path);
}
