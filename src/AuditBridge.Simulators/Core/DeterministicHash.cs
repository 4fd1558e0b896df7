namespace AuditBridge.Simulators.Core;

/// <summary>
/// SplitMix64 mixing: every dataset choice is a pure function of (seed, index), so any event can be generated
/// on its own, in any order, on any thread, without a shared random stream.
/// </summary>
internal static class DeterministicHash
{
    private const ulong Golden = 0x9E3779B97F4A7C15;

    public static ulong Mix(ulong value)
    {
        value += Golden;
        value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9;
        value = (value ^ (value >> 27)) * 0x94D049BB133111EB;
        return value ^ (value >> 31);
    }

    /// <summary>A hash of <paramref name="index"/> under <paramref name="key"/>; distinct indexes never share an input.</summary>
    public static ulong Of(ulong key, long index) => Mix(key ^ ((ulong)index * Golden));

    /// <summary>Maps the high 32 bits of <paramref name="hash"/> uniformly onto [0, n).</summary>
    public static int High(ulong hash, int n) => (int)(((hash >> 32) * (ulong)n) >> 32);

    /// <summary>Maps the low 32 bits of <paramref name="hash"/> uniformly onto [0, n).</summary>
    public static int Low(ulong hash, int n) => (int)(((hash & 0xFFFFFFFF) * (ulong)n) >> 32);

    /// <summary>A deterministic shuffle of 0..count-1.</summary>
    public static int[] Permutation(ulong key, int count)
    {
        var items = new int[count];
        for (var i = 0; i < count; i++)
        {
            items[i] = i;
        }

        var state = key;
        for (var i = count - 1; i > 0; i--)
        {
            state = Mix(state);
            var j = High(state, i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }

        return items;
    }

    /// <summary>A stable 64-bit key for the seed and a purpose, so different uses of one seed do not correlate.</summary>
    public static ulong KeyFor(int seed, ulong purpose) => Mix(Mix((ulong)(uint)seed) ^ purpose);
}
