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
    /// <paramref name="maxBytes"/> UTF-8 bytes long. When the full record would be longer, the longest free-text values
    /// are shortened with the visible marker <c>…[truncated]</c> until it fits (each format documents which values);
    /// <see cref="FormatResult.ShortenedValues"/> says how many. The default, <see cref="int.MaxValue"/>, means no budget.
    /// When it throws, nothing has been written to <paramref name="output"/>.
    /// </summary>
    /// <exception cref="RecordTooLargeException">The record cannot be made to fit.</exception>
    /// <exception cref="NotSupportedException">The format never shortens records (CSV) and the record does not fit.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxBytes"/> is zero or negative.</exception>
    FormatResult Format(AuditEvent auditEvent, IBufferWriter<byte> output, int maxBytes = int.MaxValue);
}
