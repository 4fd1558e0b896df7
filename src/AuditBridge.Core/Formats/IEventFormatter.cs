using System.Buffers;
using AuditBridge.Events;

namespace AuditBridge.Formats;

/// <summary>
/// Turns one event into one record: no framing, no clock, invariant culture.
/// Implementations are stateless and safe to share between threads.
/// </summary>
public interface IEventFormatter
{
    /// <summary>Format key as used on the command line and in configuration (<c>cef</c>, <c>json</c>, <c>csv</c>).</summary>
    string Name { get; }

    /// <summary>Bytes that open a new file of this format (the CSV header line); empty for most formats.</summary>
    ReadOnlyMemory<byte> FileHeader => ReadOnlyMemory<byte>.Empty;

    /// <summary>
    /// Writes the record for <paramref name="auditEvent"/> to <paramref name="output"/>, at most
    /// <paramref name="maxBytes"/> long. When the full record would be longer, the longest free-text values
    /// are shortened with a visible marker until it fits.
    /// </summary>
    /// <exception cref="RecordTooLargeException">The record cannot be made to fit.</exception>
    FormatResult Format(AuditEvent auditEvent, IBufferWriter<byte> output, int maxBytes = int.MaxValue);
}
