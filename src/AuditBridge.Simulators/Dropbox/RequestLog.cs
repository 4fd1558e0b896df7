namespace AuditBridge.Simulators.Dropbox;

/// <summary>The last <see cref="Capacity"/> requests, plus unbounded per-route counters.</summary>
internal sealed class RequestLog
{
    public const int Capacity = 10_000;

    private readonly Lock _gate = new();
    private readonly Queue<RecordedRequest> _requests = new();
    private long _getEvents;
    private long _continue;
    private long _token;
    private long _other;

    public long GetEventsCount => Interlocked.Read(ref _getEvents);

    public long ContinueCount => Interlocked.Read(ref _continue);

    public long TokenCount => Interlocked.Read(ref _token);

    public long OtherCount => Interlocked.Read(ref _other);

    public void Add(RecordedRequest request, DropboxRoute route)
    {
        _ = route switch
        {
            DropboxRoute.GetEvents => Interlocked.Increment(ref _getEvents),
            DropboxRoute.Continue => Interlocked.Increment(ref _continue),
            DropboxRoute.Token => Interlocked.Increment(ref _token),
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
