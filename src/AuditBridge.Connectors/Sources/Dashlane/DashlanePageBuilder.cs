using AuditBridge.Events;

namespace AuditBridge.Sources.Dashlane;

/// <summary>
/// Collects the events of one page: validates and maps each line, drops those outside the time window (Dashlane answers
/// with whole days) and those whose uuid the dedupe window already holds. Shared by the dcli and the file modes.
/// </summary>
internal sealed class DashlanePageBuilder(DashlaneEventMapper mapper, DedupeWindow window, DateTimeOffset? from, DateTimeOffset? to, int pageSize)
{
    private List<AuditEvent> _events = [];
    private int _duplicates;

    public DedupeWindow Window => window;

    public int Count => _events.Count;

    public bool IsFull => _events.Count >= pageSize;

    /// <summary>Logs dropped because they were seen before, in this read so far.</summary>
    public int DuplicatesTotal { get; private set; }

    /// <summary>Logs dropped because their date_time lies outside the window, in this read so far.</summary>
    public int OutsideWindowTotal { get; private set; }

    /// <summary>Events added to pages, in this read so far.</summary>
    public int EmittedTotal { get; private set; }

    /// <summary>Adds one line (copied; the caller's buffer may change). Blank lines are skipped.</summary>
    /// <returns>The event added, or null when the line was blank, a repeat or outside the window.</returns>
    /// <exception cref="DashlaneLineException">The line is not a Dashlane audit log.</exception>
    public AuditEvent? Add(ReadOnlyMemory<byte> line)
    {
        if (line.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            return null;
        }

        using var log = DashlaneLogLine.Parse(line.ToArray());
        if ((from is { } start && log.Time < start) || (to is { } end && log.Time > end))
        {
            OutsideWindowTotal++;
            return null;
        }

        var id = DashlaneEventMapper.IdPrefix + log.Uuid;
        if (window.Contains(id))
        {
            _duplicates++;
            DuplicatesTotal++;
            return null;
        }

        var mapped = mapper.Map(log);
        window.TryAdd(mapped.Id, mapped.Time);
        _events.Add(mapped);
        EmittedTotal++;
        return mapped;
    }

    /// <summary>Hands out the collected events as a page and starts a new one.</summary>
    public SourcePage Take(Checkpoint checkpoint, bool hasMore)
    {
        var page = new SourcePage(_events, checkpoint, hasMore, _duplicates);
        _events = [];
        _duplicates = 0;
        return page;
    }
}
