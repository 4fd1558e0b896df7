using System.Buffers;
using System.Text.Json;

namespace AuditBridge.Formats;

/// <summary>
/// Shortens a JSON text to a size limit while keeping it valid JSON. This is the rare path (a value over a
/// dictionary limit or a transport budget), but its cost must stay linear in the input: a backfill full of events with
/// huge sections shrinks every one of them.
/// </summary>
/// <remarks>
/// Strategy: every string value (never a property name) longer than a common cap is cut to the cap and gets
/// <see cref="ValueShortener.Marker"/>; the largest cap that fits is found by binary search, so the longest strings are
/// shortened first and short ones stay intact. Cuts are made on the escaped text as it stands, never inside an escape
/// sequence (<c>\n</c>, <c>\u00e9</c>, a <c>\uD83D\uDD10</c> pair) or a UTF-8 sequence, so untouched parts keep their
/// exact bytes. When shortening strings cannot reach the limit (or the input does not parse), the value is replaced by
/// one JSON string holding a prefix of the original text plus the marker.
/// </remarks>
internal static class JsonShrinker
{
    /// <summary><c>"…[truncated]"</c>: what any JSON value becomes when nothing of it fits.</summary>
    private static readonly byte[] SmallestReplacement = [(byte)'"', .. ValueShortener.MarkerUtf8, (byte)'"'];

    /// <summary>The size of <paramref name="utf8"/> in <paramref name="measure"/> units.</summary>
    public static int Measure(ReadOnlySpan<byte> utf8, JsonMeasure measure)
    {
        switch (measure)
        {
            case JsonMeasure.Utf8Bytes:
                return utf8.Length;
            case JsonMeasure.CefEscapedBytes:
                // Count is vectorized; this runs for every section a byte budget looks at.
                return utf8.Length + utf8.Count((byte)'\\') + utf8.Count((byte)'=') + utf8.Count((byte)'\r') + utf8.Count((byte)'\n');
            default:
                var total = 0;
                foreach (var b in utf8)
                {
                    total += Cost(b, measure);
                }

                return total;
        }
    }

    /// <summary>
    /// Shortens <paramref name="json"/> to at most <paramref name="limit"/> units. Returns false when even the shortest
    /// replacement (<c>"…[truncated]"</c>) does not fit. <paramref name="result"/> is <paramref name="json"/> itself when
    /// it already fits.
    /// </summary>
    public static bool TryShrink(ReadOnlyMemory<byte> json, int limit, JsonMeasure measure, out ReadOnlyMemory<byte> result)
    {
        var total = Measure(json.Span, measure);
        if (total <= limit)
        {
            result = json;
            return true;
        }

        // At the smallest possible limit every input ends up as the bare marker string; skip the parse.
        var smallest = Measure(SmallestReplacement, measure);
        if (limit <= smallest)
        {
            result = limit == smallest ? SmallestReplacement : ReadOnlyMemory<byte>.Empty;
            return limit == smallest;
        }

        if (TryCollectStrings(json.Span, out var strings))
        {
            var shrunk = ShrinkStrings(json.Span, strings, total, limit, measure);
            if (shrunk is not null)
            {
                result = shrunk;
                return true;
            }
        }

        var fallback = PrefixAsString(json.Span, limit, measure);
        result = fallback ?? ReadOnlyMemory<byte>.Empty;
        return fallback is not null;
    }

    private static int Cost(byte b, JsonMeasure measure) => measure switch
    {
        // A continuation byte adds nothing to the character count; a 4-byte sequence is a surrogate pair (2 units).
        JsonMeasure.Utf16Chars => (b & 0xC0) == 0x80 ? 0 : b >= 0xF0 ? 2 : 1,
        JsonMeasure.CefEscapedBytes => b is (byte)'\\' or (byte)'=' or (byte)'\r' or (byte)'\n' ? 2 : 1,
        _ => 1,
    };

    private static bool TryCollectStrings(ReadOnlySpan<byte> json, out List<(int Start, int Length, int Cost)> strings)
    {
        // Every string has two quotes, so this capacity is never exceeded (it also counts property names).
        strings = new List<(int Start, int Length, int Cost)>(json.Count((byte)'"') / 2);
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 256 });
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.String)
                {
                    // TokenStartIndex points at the opening quote; ValueSpan is the raw (still escaped) content.
                    var start = (int)reader.TokenStartIndex + 1;
                    strings.Add((start, reader.ValueSpan.Length, 0));
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }

        return true;
    }

    private static byte[]? ShrinkStrings(
        ReadOnlySpan<byte> json, List<(int Start, int Length, int Cost)> strings, int total, int limit, JsonMeasure measure)
    {
        var markerCost = Measure(ValueShortener.MarkerUtf8, measure);
        using var units = UnitTable.Build(json, strings, measure);
        var maxCost = 0;
        for (var i = 0; i < strings.Count; i++)
        {
            maxCost = Math.Max(maxCost, strings[i].Cost);
        }

        if (Evaluate(strings, units, total, 0, markerCost) > limit)
        {
            return null;
        }

        // Largest cap whose result fits: Evaluate is monotone in the cap.
        int low = 0, high = maxCost;
        while (low < high)
        {
            var mid = low + ((high - low + 1) / 2);
            if (Evaluate(strings, units, total, mid, markerCost) <= limit)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        return Build(json, strings, units, low, markerCost);
    }

    private static int Evaluate(List<(int Start, int Length, int Cost)> strings, UnitTable units, int total, int cap, int markerCost)
    {
        for (var i = 0; i < strings.Count; i++)
        {
            var cost = strings[i].Cost;
            if (cost > cap + markerCost)
            {
                var (_, keptCost) = units.Cut(i, cap);
                total -= cost - (keptCost + markerCost);
            }
        }

        return total;
    }

    private static byte[] Build(ReadOnlySpan<byte> json, List<(int Start, int Length, int Cost)> strings, UnitTable units, int cap, int markerCost)
    {
        var marker = ValueShortener.MarkerUtf8;
        var kept = new int[strings.Count];
        var length = json.Length;
        for (var i = 0; i < strings.Count; i++)
        {
            var (_, stringLength, cost) = strings[i];
            kept[i] = cost > cap + markerCost ? units.Cut(i, cap).Bytes : -1;
            length += kept[i] < 0 ? 0 : kept[i] + marker.Length - stringLength;
        }

        var output = new byte[length];
        int copied = 0, written = 0;
        for (var i = 0; i < strings.Count; i++)
        {
            if (kept[i] < 0)
            {
                continue;
            }

            var (start, stringLength, _) = strings[i];
            var segment = json[copied..(start + kept[i])];
            segment.CopyTo(output.AsSpan(written));
            written += segment.Length;
            marker.CopyTo(output.AsSpan(written));
            written += marker.Length;
            copied = start + stringLength;
        }

        json[copied..].CopyTo(output.AsSpan(written));
        return output;
    }

    /// <summary>
    /// Where every indivisible unit of every collected string ends and what the string costs up to there. The search
    /// above tries about log2(longest string) caps; with this table each cut is a binary search instead of a walk over
    /// the string, which made shrinking a hostile 100 KB section the most expensive step of formatting an event.
    /// </summary>
    private readonly struct UnitTable : IDisposable
    {
        private readonly int[] _ends;
        private readonly int[] _costs;
        private readonly (int First, int Count)[] _ranges;

        private UnitTable(int[] ends, int[] costs, (int First, int Count)[] ranges)
        {
            _ends = ends;
            _costs = costs;
            _ranges = ranges;
        }

        /// <summary>Tabulates the strings' units and stores each string's total cost in <paramref name="strings"/>.</summary>
        public static UnitTable Build(ReadOnlySpan<byte> json, List<(int Start, int Length, int Cost)> strings, JsonMeasure measure)
        {
            var bytes = 0;
            foreach (var (_, length, _) in strings)
            {
                bytes += length;
            }

            // A unit is at least one byte, so there are never more units than bytes.
            var ends = ArrayPool<int>.Shared.Rent(Math.Max(bytes, 1));
            var costs = ArrayPool<int>.Shared.Rent(Math.Max(bytes, 1));
            var ranges = new (int First, int Count)[strings.Count];
            var next = 0;
            for (var i = 0; i < strings.Count; i++)
            {
                var (start, length, _) = strings[i];
                var content = json.Slice(start, length);
                int at = 0, cost = 0, first = next;
                while (at < content.Length)
                {
                    var unit = UnitLength(content, at);
                    for (var b = at; b < at + unit; b++)
                    {
                        cost += Cost(content[b], measure);
                    }

                    at += unit;
                    ends[next] = at;
                    costs[next] = cost;
                    next++;
                }

                ranges[i] = (first, next - first);
                strings[i] = (start, length, cost);
            }

            return new UnitTable(ends, costs, ranges);
        }

        /// <summary>Longest prefix of string <paramref name="index"/> whose cost is at most <paramref name="cap"/>, cut between units.</summary>
        public (int Bytes, int Cost) Cut(int index, int cap)
        {
            var (first, count) = _ranges[index];

            // Costs only grow along a string: the units that fit are those before the first cumulative cost above the cap.
            int low = 0, high = count;
            while (low < high)
            {
                var mid = (low + high) >>> 1;
                if (_costs[first + mid] <= cap)
                {
                    low = mid + 1;
                }
                else
                {
                    high = mid;
                }
            }

            return low == 0 ? (0, 0) : (_ends[first + low - 1], _costs[first + low - 1]);
        }

        public void Dispose()
        {
            ArrayPool<int>.Shared.Return(_ends);
            ArrayPool<int>.Shared.Return(_costs);
        }
    }

    /// <summary>Bytes of the indivisible unit at <paramref name="i"/>: an escape sequence, a surrogate-pair escape, or one UTF-8 character.</summary>
    internal static int UnitLength(ReadOnlySpan<byte> s, int i)
    {
        var b = s[i];
        int length;
        if (b == (byte)'\\')
        {
            if (i + 1 < s.Length && s[i + 1] == (byte)'u')
            {
                length = IsSurrogateEscape(s, i, high: true) && IsSurrogateEscape(s, i + 6, high: false) ? 12 : 6;
            }
            else
            {
                length = 2;
            }
        }
        else
        {
            length = b < 0xC0 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        }

        return Math.Min(length, s.Length - i);
    }

    private static bool IsSurrogateEscape(ReadOnlySpan<byte> s, int i, bool high)
    {
        if (i + 6 > s.Length || s[i] != (byte)'\\' || s[i + 1] != (byte)'u' || (s[i + 2] | 0x20) != (byte)'d')
        {
            return false;
        }

        var third = (byte)(s[i + 3] | 0x20);
        return high ? third is (byte)'8' or (byte)'9' or (byte)'a' or (byte)'b' : third is >= (byte)'c' and <= (byte)'f';
    }

    /// <summary>A JSON string holding the longest prefix of <paramref name="json"/>'s text that fits, plus the marker.</summary>
    private static byte[]? PrefixAsString(ReadOnlySpan<byte> json, int limit, JsonMeasure measure)
    {
        var quote = Measure("\""u8, measure);
        var budget = limit - (2 * quote) - Measure(ValueShortener.MarkerUtf8, measure);
        if (budget < 0)
        {
            return null;
        }

        var output = new List<byte>(Math.Min(json.Length, limit) + 16) { (byte)'"' };
        Span<byte> escaped = stackalloc byte[6];
        var i = 0;
        while (i < json.Length)
        {
            var b = json[i];
            scoped ReadOnlySpan<byte> unit;
            var consumed = 1;
            if (b == (byte)'"' || b == (byte)'\\')
            {
                escaped[0] = (byte)'\\';
                escaped[1] = b;
                unit = escaped[..2];
            }
            else if (b < 0x20)
            {
                // Raw control bytes only occur as whitespace between tokens; keep them as JSON escapes.
                unit = EscapeControl(b, escaped);
            }
            else
            {
                // Backslashes were handled above, so this is one whole UTF-8 character.
                consumed = UnitLength(json, i);
                unit = json.Slice(i, consumed);
            }

            var unitCost = Measure(unit, measure);
            if (unitCost > budget)
            {
                break;
            }

            budget -= unitCost;
            output.AddRange(unit);
            i += consumed;
        }

        output.AddRange(ValueShortener.MarkerUtf8);
        output.Add((byte)'"');
        return [.. output];
    }

    private static ReadOnlySpan<byte> EscapeControl(byte b, Span<byte> buffer)
    {
        buffer[0] = (byte)'\\';
        switch (b)
        {
            case (byte)'\n':
                buffer[1] = (byte)'n';
                return buffer[..2];
            case (byte)'\r':
                buffer[1] = (byte)'r';
                return buffer[..2];
            case (byte)'\t':
                buffer[1] = (byte)'t';
                return buffer[..2];
            default:
                buffer[1] = (byte)'u';
                buffer[2] = (byte)'0';
                buffer[3] = (byte)'0';
                buffer[4] = (byte)"0123456789abcdef"[b >> 4];
                buffer[5] = (byte)"0123456789abcdef"[b & 0xF];
                return buffer[..6];
        }
    }
}
