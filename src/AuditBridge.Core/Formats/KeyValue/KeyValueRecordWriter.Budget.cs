namespace AuditBridge.Formats.KeyValue;

/// <summary>Shortening a record to a byte budget (UDP syslog, receiver limits): section JSON first, then long free text.</summary>
internal sealed partial class KeyValueRecordWriter<TKey>
{
    /// <summary>The smallest shortened text: the bare marker.</summary>
    internal const int MinTextBytes = 14;

    /// <summary>The smallest shortened JSON: the marker as a JSON string (<c>"…[truncated]"</c>).</summary>
    internal const int MinJsonBytes = 16;

    /// <summary>
    /// Shortens values in place until the record measured at <paramref name="total"/> bytes fits
    /// <paramref name="maxBytes"/>, and returns how many values were shortened.
    /// </summary>
    /// <remarks>
    /// Greedy and exact: the largest JSON value is shortened first (staying valid JSON) by just the excess, then the
    /// next, then the largest text values whose key is <see cref="KeyValueKey.ShortenedToFit"/>; ties go to the earlier
    /// value. Everything else (ids, the event type, numbers, addresses, literals) is never shortened: it is what a
    /// receiver dedupes and correlates on. Every shortened key joins the truncation record, whose growth is part of the
    /// arithmetic.
    /// </remarks>
    /// <exception cref="RecordTooLargeException">Everything that may be shortened is, and the record still does not fit.</exception>
    private int FitToBudget(ref KeyValueFieldList<TKey> fields, int prefixLength, int total, int maxBytes, string id)
    {
        var shortened = 0;
        foreach (var json in (ReadOnlySpan<bool>)[true, false])
        {
            var minimum = json ? MinJsonBytes : MinTextBytes;
            while (total > maxBytes)
            {
                var best = -1;
                for (var i = 0; i < fields.Count; i++)
                {
                    ref var candidate = ref fields[i];
                    if (!candidate.Shortened
                        && IsShortenable(ref candidate, json)
                        && candidate.Written > minimum
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
                var growth = TruncationRecordGrowth(ref fields, ref field);
                var target = Math.Max(minimum, field.Written - (total + growth - maxBytes));
                var size = json ? ShortenJson(ref field, target) : ShortenText(ref field, target, best < fields.HeaderCount);
                total += growth - (field.Written - size);
                field.Written = size;
                fields.MarkShortened(best);
                shortened++;
            }
        }

        if (total > maxBytes)
        {
            throw new RecordTooLargeException(
                $"The {_dialect.Name} record of event '{Shorten(id)}' needs {total} bytes with every shortenable value shortened " +
                $"(header prefix {prefixLength} bytes); the budget is {maxBytes} bytes.");
        }

        return shortened;
    }

    private bool IsShortenable(ref KeyValueField field, bool json) => json
        ? field.Kind == KeyValueValueKind.Json
        : field.Kind == KeyValueValueKind.Text && _dialect.IsShortenedToFit(field.Key);

    /// <summary>Bytes the truncation record grows by when <paramref name="field"/> joins it.</summary>
    private int TruncationRecordGrowth(ref KeyValueFieldList<TKey> fields, ref KeyValueField field)
    {
        if (field.Cut)
        {
            return 0;
        }

        var name = (field.Name ?? _dialect.NameOf(field.Key)).Length;
        if (fields.CutKeys != 0)
        {
            return 1 + name;
        }

        var separator = fields.Count > fields.HeaderCount ? 1 : 0;
        return separator + _dialect.TruncationOpening.Length + name + _dialect.TruncationClosing.Length;
    }

    private int ShortenJson(ref KeyValueField field, int target)
    {
        // target >= MinJsonBytes, which the fallback (a JSON string holding just the marker) always meets.
        JsonShrinker.TryShrink(field.Utf8, target, _dialect.JsonWireMeasure, out var json);
        field.Utf8 = json;
        return JsonShrinker.Measure(json.Span, _dialect.JsonWireMeasure);
    }

    private int ShortenText(ref KeyValueField field, int target, bool header)
    {
        var escaping = header ? _dialect.Header : _dialect.Values;
        var keep = escaping.PrefixWithin(field.Text.AsSpan(0, field.Length), target - MinTextBytes, out var bytes);
        field.Length = keep;
        field.Marker = true;
        return bytes + MinTextBytes;
    }
}
