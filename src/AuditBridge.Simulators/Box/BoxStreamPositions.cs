namespace AuditBridge.Simulators.Box;

/// <summary>
/// Stream positions as Box writes them: 19-digit numbers above 2^53. A position is <c>base + n × 1000 + check(n)</c>, where
/// <c>n</c> is the next event index (admin_logs) or the next slot of the processing order (admin_logs_streaming), and the
/// three check digits are keyed from the seed and the stream. So a position survives a simulator restart, names its stream,
/// and a position that went through a double (rounded to a multiple of 256) is refused, as Box refuses it
/// ("Invalid stream position", Elastic issues 14320 and 18413).
/// </summary>
internal sealed class BoxStreamPositions
{
    /// <summary>Largest index or slot a position can carry.</summary>
    public const long MaxIndex = 100_000_000_000_000;

    // Box's positions for the two streams, as seen in the reference's examples (saas-apis.md B.8, peers.md §0).
    private const ulong AdminLogsBase = 1_152_922_976_252_290_886;
    private const ulong StreamingBase = 1_348_790_499_819_004_567;

    private readonly ulong _adminKey;
    private readonly ulong _streamingKey;

    public BoxStreamPositions(int seed)
    {
        _adminKey = DeterministicHash.KeyFor(seed, 0x41646D696E);
        _streamingKey = DeterministicHash.KeyFor(seed, 0x53747265616D);
    }

    public string Encode(bool streaming, long n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, MaxIndex);
        var value = (streaming ? StreamingBase : AdminLogsBase) + ((ulong)n * 1000) + Check(streaming, n);
        return value.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Decodes a position of <paramref name="streaming"/>'s stream; false for anything this simulator did not write for it.</summary>
    public bool TryDecode(bool streaming, string text, out long n)
    {
        n = 0;
        if (text.Length is 0 or > 20 || !text.All(char.IsAsciiDigit) || !ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        var start = streaming ? StreamingBase : AdminLogsBase;
        if (value < start)
        {
            return false;
        }

        var offset = value - start;
        var candidate = offset / 1000;
        if (candidate > MaxIndex || offset % 1000 != Check(streaming, (long)candidate))
        {
            return false;
        }

        n = (long)candidate;
        return true;
    }

    private ulong Check(bool streaming, long n) => DeterministicHash.Mix((streaming ? _streamingKey : _adminKey) ^ (ulong)n) % 1000;
}
