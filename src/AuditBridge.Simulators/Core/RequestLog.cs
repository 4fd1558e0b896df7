namespace AuditBridge.Simulators.Core;

/// <summary>The last <see cref="Capacity"/> requests, plus unbounded counters per route and for other paths.</summary>
internal sealed class RequestLog
{
    public const int Capacity = 10_000;

    private readonly Lock _gate = new();
    private readonly Queue<RecordedRequest> _requests = new();
    private readonly RouteTable _routes;
    private readonly long[] _counts;
    private long _other;

    public RequestLog(RouteTable routes)
    {
        _routes = routes;
        _counts = new long[routes.All.Count];
    }

    /// <summary>Requests on <paramref name="route"/> since the start.</summary>
    public long CountOf(SimulatorRoute route) => Interlocked.Read(ref _counts[_routes.IndexOf(route)]);

    /// <summary>Requests on paths that are no route since the start.</summary>
    public long OtherCount => Interlocked.Read(ref _other);

    /// <param name="request">The request as received.</param>
    /// <param name="route">Its route, or null for any other path.</param>
    public void Add(RecordedRequest request, SimulatorRoute? route)
    {
        if (route is null)
        {
            Interlocked.Increment(ref _other);
        }
        else
        {
            Interlocked.Increment(ref _counts[_routes.IndexOf(route)]);
        }

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
