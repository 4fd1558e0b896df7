using System.Buffers;

namespace AuditBridge.Framing;

/// <summary>
/// The message followed by CR LF, the RFC 4180 record separator. The message is written unchanged: a CSV record
/// may legally hold a line break inside a quoted cell, and only a CSV reader knows where a record ends.
/// </summary>
internal sealed class CrLfFramer : IFramer
{
    public static CrLfFramer Instance { get; } = new();

    private CrLfFramer()
    {
    }

    /// <inheritdoc/>
    public void Frame(ReadOnlySpan<byte> message, IBufferWriter<byte> output)
    {
        var span = output.GetSpan(message.Length + 2);
        message.CopyTo(span);
        span[message.Length] = (byte)'\r';
        span[message.Length + 1] = (byte)'\n';
        output.Advance(message.Length + 2);
    }
}
