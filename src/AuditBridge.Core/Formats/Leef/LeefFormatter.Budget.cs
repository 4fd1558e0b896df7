namespace AuditBridge.Formats.Leef;

/// <summary>Shortening a record to a byte budget (UDP syslog): section JSON first, then long free-text values.</summary>
internal sealed partial class LeefFormatter
{
    // The smallest shortened values: the bare marker, and the marker as a JSON string ("…[truncated]").
    private const int MinTextBytes = 14;
    private const int MinJsonBytes = 16;

    /// <summary>
    /// Shortens values in place until the record measured at <paramref name="total"/> bytes fits
    /// <paramref name="maxBytes"/>, and returns how many values were shortened.
    /// </summary>
    /// <remarks>
    /// Greedy and exact: the largest section JSON is shortened first (staying valid JSON) by just the excess, then the
    /// next, then the largest text values (msg, usrName, targetUser, objectName, objectPath, cat). Ids, the event id,
    /// the time, the severity and the address are never shortened: they are what a receiver dedupes and correlates on.
    /// Every shortened key joins the <c>truncated</c> attribute, whose growth is part of the arithmetic.
    /// </remarks>
    private int FitToBudget(ref LeefFieldList fields, int prefixLength, int total, int maxBytes, string id)
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

                var before = TruncatedLength(ref fields);
                ref var field = ref fields[best];
                var wasCut = field.Cut;
                field.Cut = true;
                var growth = TruncatedLength(ref fields) - before;
                field.Cut = wasCut;

                var target = Math.Max(json ? MinJsonBytes : MinTextBytes, field.Written - (total + growth - maxBytes));
                var size = json ? ShortenJson(ref field, target) : ShortenText(ref field, target);
                total += growth - (field.Written - size);
                field.Written = size;
                field.Shortened = true;
                field.Cut = true;
                shortened++;
            }
        }

        if (total > maxBytes)
        {
            throw new RecordTooLargeException(
                $"The LEEF record of event '{Shorten(id)}' needs {total} bytes with every shortenable value shortened " +
                $"(header prefix {prefixLength} bytes); the budget is {maxBytes} bytes.");
        }

        return shortened;
    }

    private static bool IsShortenable(LeefKey key, bool json) => json
        ? key == LeefKey.Section
        : key is LeefKey.Msg or LeefKey.UsrName or LeefKey.TargetUser or LeefKey.ObjectName or LeefKey.ObjectPath or LeefKey.Cat;

    /// <summary>Bytes of the <c>truncated</c> attribute with its leading delimiter; 0 when nothing is cut.</summary>
    private static int TruncatedLength(ref LeefFieldList fields)
    {
        var names = 0;
        var count = 0;
        for (var key = LeefKey.Vendor; key <= LeefKey.Version; key++)
        {
            if ((fields.HeaderCuts & (1 << (int)key)) != 0)
            {
                names += LeefKeys.NameOf(key).Length;
                count++;
            }
        }

        for (var i = 0; i < fields.Count; i++)
        {
            if (fields[i].Cut)
            {
                names += fields[i].KeyName.Length;
                count++;
            }
        }

        return count == 0 ? 0 : 1 + TruncatedKey.Length + names + (count - 1);
    }

    private static int ShortenJson(ref LeefField field, int target)
    {
        // The JSON is already in its wire form (LeefEscaper.PrepareJson), so bytes are what the record grows by.
        // target >= MinJsonBytes, which the fallback (a JSON string holding just the marker) always meets.
        JsonShrinker.TryShrink(field.Utf8, target, JsonMeasure.Utf8Bytes, out var json);
        field.Utf8 = json;
        return json.Length;
    }

    private int ShortenText(ref LeefField field, int target)
    {
        var keep = LeefEscaper.PrefixWithin(field.Text.AsSpan(0, field.Length), target - MinTextBytes, _delimiter, out var bytes);
        field.Length = keep;
        field.Marker = true;
        return bytes + MinTextBytes;
    }
}
