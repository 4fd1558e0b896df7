using System.Buffers;

namespace AuditBridge.Framing;

/// <summary>Writes the message as is, for transports that delimit messages themselves (a UDP datagram, RFC 5426).</summary>
internal sealed class NoFramer : IFramer
{
    public static NoFramer Instance { get; } = new();

    private NoFramer()
    {
    }

    /// <inheritdoc/>
    public void Frame(ReadOnlySpan<byte> message, IBufferWriter<byte> output) => output.Write(message);
}
