namespace AuditBridge.Simulators.Core;

/// <summary>A vendor's routes, found by path; their names for the control endpoint; their bits for faults.</summary>
internal sealed class RouteTable
{
    private readonly Dictionary<string, SimulatorRoute> _byPath;

    public RouteTable(params SimulatorRoute[] routes)
    {
        All = routes;
        _byPath = routes.ToDictionary(r => r.Path, StringComparer.Ordinal);
        AllBits = routes.Aggregate(0, (bits, route) => bits | route.Bit);
    }

    /// <summary>The routes in the vendor's order (the order of the request counters).</summary>
    public IReadOnlyList<SimulatorRoute> All { get; }

    /// <summary>Every route's bit: what <c>any</c> means.</summary>
    public int AllBits { get; }

    /// <summary>The route at <paramref name="path"/>, or null.</summary>
    public SimulatorRoute? Find(string path) => _byPath.GetValueOrDefault(path);

    /// <summary>The position of <paramref name="route"/> in <see cref="All"/>.</summary>
    public int IndexOf(SimulatorRoute route)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (ReferenceEquals(All[i], route))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The bit of the route named <paramref name="name"/> (<c>any</c>: all of them).</summary>
    /// <exception cref="ArgumentException">No route has that name.</exception>
    public int BitOf(string? name) =>
        name == "any" ? AllBits
        : All.FirstOrDefault(r => r.Name == name)?.Bit ?? throw new ArgumentException($"unknown route \"{name}\"");
}
