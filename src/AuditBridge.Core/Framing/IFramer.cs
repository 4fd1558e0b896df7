using System.Buffers;

namespace AuditBridge.Framing;

/// <summary>Delimits one message on a stream transport (RFC 6587 octet counting, newline) or not at all (UDP).</summary>
public interface IFramer
{
    /// <summary>Writes <paramref name="message"/> with its framing to <paramref name="output"/>.</summary>
    void Frame(ReadOnlySpan<byte> message, IBufferWriter<byte> output);
}
