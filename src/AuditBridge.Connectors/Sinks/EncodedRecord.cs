namespace AuditBridge.Sinks;

/// <summary>Where one framed record sits in a <see cref="BatchEncoder"/>'s batch buffer.</summary>
/// <param name="Offset">Start of the framed record in the batch buffer.</param>
/// <param name="Length">Framed length in bytes (header and framing included): what goes on the wire.</param>
/// <param name="Shortened">True when the formatter shortened values to meet the size limit.</param>
internal readonly record struct EncodedRecord(int Offset, int Length, bool Shortened);
