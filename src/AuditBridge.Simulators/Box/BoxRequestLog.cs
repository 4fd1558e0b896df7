namespace AuditBridge.Simulators.Box;

/// <summary>The last <see cref="Capacity"/> requests, plus unbounded per-route counters.</summary>
internal sealed class BoxRequestLog
{
    public const int Capacity = 10_000;

    private readonly Lock _gate = new();
    private readonly Queue<RecordedRequest> _requests = new();
    private long _events;
    private long _token;
    private long _other;

    public long EventsCount => Interlocked.Read(ref _events);

    public long TokenCount => Interlocked.Read(ref _token);

    public long OtherCount => Interlocked.Read(ref _other);

    public void Add(RecordedRequest request, BoxRoute route)
    {
        _ = route switch
        {
            BoxRoute.Events => Interlocked.Increment(ref _events),
            BoxRoute.Token => Interlocked.Increment(ref _token),
            _ => Interlocked.Increment(ref _other),
        };
        lock (_gate)
        {
            if (_requests.Count == Capacity)
            {
                _requests.Dequeue();
            }

            _requests.Enqueue(request);
        }
    }

    public IReadOnlyList<RecordedRequest> Snapshot()
    {
        lock (_gate)
        {
            return [.. _requests];
        }
    }
}
