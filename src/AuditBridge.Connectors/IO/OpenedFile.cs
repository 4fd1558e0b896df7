namespace AuditBridge.IO;

/// <summary>A file opened by <see cref="NoFollowFile"/>, with what the open found out about it.</summary>
/// <param name="Stream">Unbuffered, positioned at 0; the caller owns it.</param>
/// <param name="Created">True when this open created the file (its directory entry is new).</param>
/// <param name="IsRegularFile">False for a device, FIFO or socket (<c>/dev/null</c>): no length to keep track of.</param>
/// <param name="Identity">Device and inode; null where the platform does not tell.</param>
internal sealed record OpenedFile(FileStream Stream, bool Created, bool IsRegularFile, FileIdentity? Identity) : IDisposable
{
    /// <summary>Closes <see cref="Stream"/>.</summary>
    public void Dispose() => Stream.Dispose();
}
