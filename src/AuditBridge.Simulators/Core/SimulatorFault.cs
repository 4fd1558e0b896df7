namespace AuditBridge.Simulators.Core;

/// <summary>
/// A failure a simulator produces on demand, as the fault queue sees it: how often it applies, after how many requests,
/// to which routes, and the response data the core's answers need. Vendors' faults derive through
/// <see cref="SimulatorFault{TSelf, TRoute}"/>.
/// </summary>
public abstract record SimulatorFault
{
    private protected SimulatorFault(FaultKind kind)
    {
        Kind = kind;
    }

    /// <summary>How many consecutive matching requests take the fault.</summary>
    /// <value>Default 1; at least 1.</value>
    public int Times { get; init; } = 1;

    /// <summary>
    /// How many matching requests pass untouched before the fault applies. Clients prefetch (page N+1 is requested while
    /// page N is handed out), so tests queue faults before reading and count requests rather than pages.
    /// </summary>
    /// <value>Default 0.</value>
    public int Skip { get; init; }

    internal FaultKind Kind { get; }

    internal int StatusCode { get; init; }

    internal int RetryAfterSeconds { get; init; }

    internal bool IsPlainText { get; init; }

    internal string? Body { get; init; }

    internal string? ContentType { get; init; }

    internal Uri? Location { get; init; }

    /// <summary>The routes the fault targets, as the bits of the vendor's route enum.</summary>
    internal abstract int RouteBits { get; }

    /// <summary>What the fault is, for <see cref="ToString"/>: the kind, or the vendor's own kind.</summary>
    private protected virtual string KindName => Kind.ToString();

    private protected abstract string RouteName { get; }

    /// <inheritdoc/>
    public sealed override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{KindName}({StatusCode}) on {RouteName} x{Times} after {Skip}");

    /// <summary>Whether a request on <paramref name="route"/> is one this fault could apply to (and so counts for <see cref="Skip"/>).</summary>
    internal virtual bool AppliesTo(int route, HttpRequest request) => (RouteBits & route) != 0;

    /// <summary>Why the fault cannot be queued, or null; the vendor adds its own rules (a fault that only one route can take).</summary>
    internal virtual string? Problem(int allRoutes) =>
        (RouteBits & allRoutes) == 0 ? "A fault needs at least one route." : null;
}
