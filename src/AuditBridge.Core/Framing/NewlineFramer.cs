using System.Buffers;

namespace AuditBridge.Framing;

/// <summary>
/// RFC 6587 §3.4.2 non-transparent framing: the message followed by LF.
/// </summary>
/// <remarks>
/// Formatters never emit a raw LF (CEF, LEEF and JSON escape it), so the trailer is unambiguous. If a raw LF
/// appears anyway it is <b>replaced by a space</b> rather than rejected: a raw LF would split the record and let
/// the second half pass for a record of its own (a forged event), while rejecting would stop the sink on one
/// record forever. The record stays one record; only that byte changes. CR is left alone: it does not delimit.
/// </remarks>
internal sealed class NewlineFramer : IFramer
{
    public static NewlineFramer Instance { get; } = new();

    private NewlineFramer()
    {
    }

    /// <inheritdoc/>
    public void Frame(ReadOnlySpan<byte> message, IBufferWriter<byte> output)
    {
        var span = output.GetSpan(message.Length + 1);
        message.CopyTo(span);
        var written = span[..message.Length];

        // A UTF-8 continuation byte is never 0x0A, so a byte-wise replacement cannot break a character.
        if (written.Contains((byte)'\n'))
        {
            written.Replace((byte)'\n', (byte)' ');
        }

        span[message.Length] = (byte)'\n';
        output.Advance(message.Length + 1);
    }
}
