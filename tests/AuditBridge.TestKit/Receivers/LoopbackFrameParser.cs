using System.Buffers.Text;

namespace AuditBridge.TestKit.Receivers;

/// <summary>
/// Splits one connection's byte stream into records, strictly: an octet-counted frame must start with a length
/// without leading zero followed by a space. What does not parse is reported, never guessed around.
/// </summary>
public sealed class LoopbackFrameParser(LoopbackFraming framing)
{
    private readonly List<byte> _pending = [];

    /// <summary>The first framing error on this connection, if any; later bytes are not parsed.</summary>
    public string? Error { get; private set; }

    /// <summary>Bytes received but not (yet) forming a whole record.</summary>
    public int PendingBytes => _pending.Count;

    /// <summary>Appends received bytes and returns the records they complete.</summary>
    public IReadOnlyList<byte[]> Append(ReadOnlySpan<byte> bytes)
    {
        var records = new List<byte[]>();
        if (Error is not null)
        {
            return records;
        }

        _pending.AddRange(bytes);
        while (TryTake(out var record))
        {
            records.Add(record);
        }

        return records;
    }

    private bool TryTake(out byte[] record)
    {
        record = [];
        var pending = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_pending);
        if (framing == LoopbackFraming.Newline)
        {
            var end = pending.IndexOf((byte)'\n');
            if (end < 0)
            {
                return false;
            }

            record = pending[..end].ToArray();
            _pending.RemoveRange(0, end + 1);
            return true;
        }

        var space = pending.IndexOf((byte)' ');
        if (space < 0)
        {
            if (pending.Length > 10 || (pending.Length > 0 && !IsDigits(pending)))
            {
                Error = $"octet-counted frame does not start with a length: '{Preview(pending)}'";
            }

            return false;
        }

        var digits = pending[..space];
        if (digits.IsEmpty || !IsDigits(digits) || (digits[0] == (byte)'0' && digits.Length > 1)
            || !Utf8Parser.TryParse(digits, out int length, out var consumed) || consumed != digits.Length)
        {
            Error = $"invalid octet-counting length '{Preview(digits)}'";
            return false;
        }

        if (pending.Length < space + 1 + length)
        {
            return false;
        }

        record = pending.Slice(space + 1, length).ToArray();
        _pending.RemoveRange(0, space + 1 + length);
        return true;
    }

    private static bool IsDigits(ReadOnlySpan<byte> bytes) => !bytes.ContainsAnyExceptInRange((byte)'0', (byte)'9');

    private static string Preview(ReadOnlySpan<byte> bytes) =>
        System.Text.Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, 40)]);
}
