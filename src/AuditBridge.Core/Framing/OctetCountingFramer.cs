using System.Buffers;
using System.Buffers.Text;

namespace AuditBridge.Framing;

/// <summary>
/// RFC 6587 §3.4.1 octet counting: <c>MSG-LEN SP SYSLOG-MSG</c>. MSG-LEN is the number of bytes of the message as
/// given (its UTF-8 length), never a character count: a char-counted frame cuts the event mid-character and
/// desynchronises the rest of the stream (reference cef-syslog.md §3.6).
/// </summary>
internal sealed class OctetCountingFramer : IFramer
{
    // int.MaxValue has 10 digits; one more byte for the space.
    private const int MaxPrefixLength = 11;

    public static OctetCountingFramer Instance { get; } = new();

    private OctetCountingFramer()
    {
    }

    /// <inheritdoc/>
    public void Frame(ReadOnlySpan<byte> message, IBufferWriter<byte> output)
    {
        var span = output.GetSpan(MaxPrefixLength + message.Length);

        // Utf8Formatter writes invariant ASCII digits without leading zeros, whatever the current culture.
        Utf8Formatter.TryFormat(message.Length, span, out var digits);
        span[digits] = (byte)' ';
        message.CopyTo(span[(digits + 1)..]);
        output.Advance(digits + 1 + message.Length);
    }
}
