namespace AuditBridge.Sources.Files;

/// <summary>One vendor event read from a file: its JSON bytes and where it starts.</summary>
/// <param name="Json">The event's JSON text, as in the file.</param>
/// <param name="Line">1-based line of its first byte.</param>
/// <param name="Offset">0-based byte offset of its first byte.</param>
internal readonly record struct EventFileEntry(ReadOnlyMemory<byte> Json, long Line, long Offset);
