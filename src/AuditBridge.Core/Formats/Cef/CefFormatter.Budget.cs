namespace AuditBridge.Formats.Cef;

/// <summary>Shortening a record to a byte budget (UDP syslog): section JSON first, then long free-text values.</summary>
internal sealed partial class CefFormatter
{
    // The smallest shortened values: the bare marker, and the marker as a JSON string ("…[truncated]").
    private const int MinTextBytes = 14;
    private const int MinJsonBytes = 16;

    private static readonly int FirstTruncationBytes = " flexString2="u8.Length + " flexString2Label=truncated"u8.Length;

    /// <summary>
    /// Shortens values in place until the record measured at <paramref name="total"/> bytes fits
    /// <paramref name="maxBytes"/>, and returns how many values were shortened.
    /// </summary>
    /// <remarks>
    /// Greedy and exact: the largest <c>csN</c> JSON is shortened first (staying valid JSON) by just the excess, then
    /// the next, then the largest text values (name, suser, duser, fname, filePath, cat). Ids, the event type and the
    /// time are never shortened: they are what a receiver dedupes and correlates on. Every shortened key joins
    /// <c>flexString2</c>, whose growth is part of the arithmetic.
    /// </remarks>
    private static int FitToBudget(ref CefFieldList fields, int prefixLength, int total, int maxBytes, string id)
    {
        var shortened = 0;
        foreach (var json in (ReadOnlySpan<bool>)[true, false])
        {
            while (total > maxBytes)
            {
                var best = -1;
                for (var i = 0; i < fields.Count; i++)
                {
                    ref var candidate = ref fields[i];
                    if (!candidate.Shortened
                        && IsShortenable(candidate.Key, json)
                        && candidate.Written > (json ? MinJsonBytes : MinTextBytes)
                        && (best < 0 || candidate.Written > fields[best].Written))
                    {
                        best = i;
                    }
                }

                if (best < 0)
                {
                    break;
                }

                ref var field = ref fields[best];
                var growth = TruncationRecordGrowth(fields.Truncated, field.Key, fields.Count > 2);
                var target = Math.Max(json ? MinJsonBytes : MinTextBytes, field.Written - (total + growth - maxBytes));
                var size = json ? ShortenJson(ref field, target) : ShortenText(ref field, target);
                total += growth - (field.Written - size);
                field.Written = size;
                field.Shortened = true;
                fields.MarkTruncated(field.Key);
                shortened++;
            }
        }

        if (total > maxBytes)
        {
            throw new RecordTooLargeException(
                $"The CEF record of event '{Shorten(id)}' needs {total} bytes with every shortenable value shortened " +
                $"(header prefix {prefixLength} bytes); the budget is {maxBytes} bytes.");
        }

        return shortened;
    }

    private static bool IsShortenable(CefKey key, bool json) => json
        ? CefKeys.IsCustomString(key)
        : key is CefKey.Name or CefKey.Suser or CefKey.Duser or CefKey.Fname or CefKey.FilePath or CefKey.Cat;

    /// <summary>Bytes the <c>flexString2</c> record grows by when <paramref name="key"/> joins it.</summary>
    private static int TruncationRecordGrowth(ulong truncated, CefKey key, bool hasExtension)
    {
        if ((truncated & CefFieldList.Bit(key)) != 0)
        {
            return 0;
        }

        var name = CefKeys.NameOf(key).Length;
        return truncated == 0 ? FirstTruncationBytes - (hasExtension ? 0 : 1) + name : 1 + name;
    }

    private static int ShortenJson(ref CefField field, int target)
    {
        // target >= MinJsonBytes, which the fallback (a JSON string holding just the marker) always meets.
        JsonShrinker.TryShrink(field.Utf8, target, JsonMeasure.CefEscapedBytes, out var json);
        field.Utf8 = json;
        return JsonShrinker.Measure(json.Span, JsonMeasure.CefEscapedBytes);
    }

    private static int ShortenText(ref CefField field, int target)
    {
        var keep = CefEscaper.PrefixWithin(
            field.Text.AsSpan(0, field.Length), target - MinTextBytes, header: field.Key == CefKey.Name, out var bytes);
        field.Length = keep;
        field.Marker = true;
        return bytes + MinTextBytes;
    }
}
