namespace AuditBridge.Sinks.Http;

/// <summary>Cuts an encoded batch into consecutive requests within the count and byte limits, keeping the order.</summary>
internal static class RequestSplitter
{
    /// <summary>
    /// Fills <paramref name="requests"/> with (first record, record count) pairs covering <paramref name="records"/> in
    /// order, each with at most <paramref name="maxEvents"/> records and <paramref name="maxBytes"/> bytes. Greedy: a
    /// request takes records until the next one would break a limit.
    /// </summary>
    /// <remarks>Every record must fit <paramref name="maxBytes"/> on its own; the caller rejects the batch otherwise.</remarks>
    public static void Split(IReadOnlyList<EncodedRecord> records, int maxEvents, int maxBytes, List<(int First, int Count)> requests)
    {
        requests.Clear();
        var first = 0;
        long bytes = 0;
        for (var i = 0; i < records.Count; i++)
        {
            var count = i - first;
            if (count > 0 && (count == maxEvents || bytes + records[i].Length > maxBytes))
            {
                requests.Add((first, count));
                first = i;
                bytes = 0;
            }

            bytes += records[i].Length;
        }

        if (records.Count > first)
        {
            requests.Add((first, records.Count - first));
        }
    }
}
