namespace AuditBridge.Sinks;

/// <summary>Thread-safe counters a sink keeps about what it wrote.</summary>
public sealed class SinkStatistics
{
    private long _records;
    private long _bytes;
    private long _shortened;

    /// <summary>Records handed off.</summary>
    public long Records => Interlocked.Read(ref _records);

    /// <summary>Bytes handed off, framing included.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Records that had values shortened to fit the transport's size limit.</summary>
    public long Shortened => Interlocked.Read(ref _shortened);

    /// <summary>Counts a handed-off record.</summary>
    public void AddRecord(long bytes, bool shortened)
    {
        Interlocked.Increment(ref _records);
        Interlocked.Add(ref _bytes, bytes);
        if (shortened)
        {
            Interlocked.Increment(ref _shortened);
        }
    }
}
