namespace AuditBridge.IO;

/// <summary>Which file an open handle is (device and inode): the same pair means the same file, whatever its name.</summary>
/// <param name="Device">The device the file is on (major &lt;&lt; 32 | minor).</param>
/// <param name="Inode">The file's inode number on that device.</param>
internal readonly record struct FileIdentity(ulong Device, ulong Inode);
