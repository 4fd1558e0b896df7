using AuditBridge.Events;

namespace AuditBridge.Sources.Dashlane;

/// <summary>
/// Collects the events of one page: validates and maps each line, drops those outside the time window (Dashlane answers
/// with whole days) and those whose uuid the dedupe window already holds, and quarantines a line that is JSON but no
/// audit log, or that cannot be mapped. Shared by the dcli and the file modes.
/// </summary>
internal sealed class DashlanePageBuilder(DashlaneEventMapper mapper, DedupeWindow window, DateTimeOffset? from, DateTimeOffset? to, int pageSize)
{
    private List<AuditEvent> _events = [];
    private EventQuarantine _quarantine = new(DashlaneSourceFactory.Type);
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

    /// <summary>Logs quarantined in this read so far.</summary>
    public int QuarantinedTotal { get; private set; }

    /// <summary>Adds one line (copied; the caller's buffer may change). Blank lines are skipped.</summary>
    /// <param name="line">The line, without its line break.</param>
    /// <param name="position">Where the line is, in words (<c>dcli output line 12</c>), for a quarantined log.</param>
    /// <returns>The event added, or null when the line was blank, a repeat, outside the window or quarantined.</returns>
    /// <exception cref="DashlaneLineException">The line is not JSON: the stream is broken (<see cref="DashlaneLineException.IsJson"/> is false).</exception>
    public AuditEvent? Add(ReadOnlyMemory<byte> line, string position)
    {
        if (line.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            return null;
        }

        DashlaneLogLine log;
        try
        {
            log = DashlaneLogLine.Parse(line.ToArray());
        }
        catch (DashlaneLineException invalid) when (invalid.IsJson)
        {
            Quarantine(position, line.Span, $"not a Dashlane audit log: {invalid.Problem}");
            return null;
        }

        using var owned = log;
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

        if (!EventQuarantine.TryMap((Mapper: mapper, Log: log), static state => state.Mapper.Map(state.Log), out var mapped, out var error))
        {
            Quarantine(position, line.Span, error);
            return null;
        }

        window.TryAdd(mapped.Id, mapped.Time);
        _events.Add(mapped);
        EmittedTotal++;
        return mapped;
    }

    /// <summary>Hands out the collected events as a page and starts a new one.</summary>
    public SourcePage Take(Checkpoint checkpoint, bool hasMore)
    {
        var page = new SourcePage(_events, checkpoint, hasMore, _duplicates) { Quarantined = _quarantine.Events };
        _events = [];
        _quarantine = new EventQuarantine(DashlaneSourceFactory.Type);
        _duplicates = 0;
        return page;
    }

    private void Quarantine(string position, ReadOnlySpan<byte> line, string error)
    {
        _quarantine.Add(position, line, error);
        QuarantinedTotal++;
    }
}
