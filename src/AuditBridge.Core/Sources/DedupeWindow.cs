namespace AuditBridge.Sources;

/// <summary>
/// Remembers the ids of recent events so that re-reading an overlap (after a cursor reset, a restart from a
/// time, or a vendor that repeats events) emits nothing twice. Entries older than the newest event time
/// minus <see cref="Span"/> are forgotten, so memory is bounded by the events inside the span.
/// Not thread-safe: one window belongs to one source run.
/// </summary>
public sealed class DedupeWindow
{
    private readonly Dictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);

    /// <summary>Creates an empty window.</summary>
    public DedupeWindow(TimeSpan span)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(span, TimeSpan.Zero);
        Span = span;
    }

    /// <summary>How far behind the newest event time ids are remembered.</summary>
    public TimeSpan Span { get; }

    /// <summary>The newest event time added so far.</summary>
    public DateTimeOffset? Newest { get; private set; }

    /// <summary>Number of remembered ids.</summary>
    public int Count => _seen.Count;

    /// <summary>Creates a window holding a checkpoint's recent events.</summary>
    public static DedupeWindow From(Checkpoint? checkpoint, TimeSpan span)
    {
        var window = new DedupeWindow(span);
        if (checkpoint is not null)
        {
            foreach (var seen in checkpoint.Recent)
            {
                window._seen[seen.Id] = seen.Time;
            }

            window.Newest = checkpoint.NewestEventTime;
        }

        return window;
    }

    /// <summary>Adds an id; returns false when it was already remembered (a duplicate).</summary>
    public bool TryAdd(string id, DateTimeOffset time)
    {
        if (!_seen.TryAdd(id, time))
        {
            return false;
        }

        if (Newest is null || time > Newest)
        {
            Newest = time;
        }

        return true;
    }

    /// <summary>True when the id is remembered.</summary>
    public bool Contains(string id) => _seen.ContainsKey(id);

    /// <summary>Forgets ids older than <see cref="Newest"/> minus <see cref="Span"/>.</summary>
    public void Prune()
    {
        if (Newest is not { } newest)
        {
            return;
        }

        var horizon = newest - Span;
        List<string>? old = null;
        foreach (var (id, time) in _seen)
        {
            if (time < horizon)
            {
                (old ??= []).Add(id);
            }
        }

        if (old is not null)
        {
            foreach (var id in old)
            {
                _seen.Remove(id);
            }
        }
    }

    /// <summary>Prunes, then returns a checkpoint for <paramref name="position"/> carrying the remembered ids, oldest first.</summary>
    public Checkpoint ToCheckpoint(string? position)
    {
        Prune();
        var recent = new SeenEvent[_seen.Count];
        var i = 0;
        foreach (var (id, time) in _seen)
        {
            recent[i++] = new SeenEvent(id, time);
        }

        Array.Sort(recent, static (a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : string.CompareOrdinal(a.Id, b.Id));
        return new Checkpoint(position, Newest, recent);
    }
}
