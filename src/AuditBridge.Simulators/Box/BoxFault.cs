namespace AuditBridge.Simulators.Box;

/// <summary>
/// A failure the Box simulator produces on demand: the shared faults of <see cref="SimulatorFault{TSelf, TRoute}"/>
/// (<c>ServerError</c>, <c>Hang</c>, <c>EchoCredentials</c> …), Box's 429 and its refused stream position. Create one with a
/// factory method, optionally adjust <c>Route</c>, <c>Times</c> and <c>Skip</c> with a <c>with</c> expression, and pass it
/// to the simulator's <c>Faults.Enqueue</c>.
/// </summary>
public sealed record BoxFault : SimulatorFault<BoxFault, BoxRoute>, IVendorFault<BoxFault>
{
    private BoxFault(FaultKind kind, BoxRoute route)
        : base(kind, route)
    {
    }

    internal bool RetryAfterInHeader { get; private init; }

    /// <summary>Whether this is <see cref="InvalidStreamPosition"/>, Box's only fault of its own.</summary>
    internal bool IsInvalidStreamPosition => Kind == FaultKind.VendorDefined;

    private protected override string KindName => IsInvalidStreamPosition ? nameof(InvalidStreamPosition) : base.KindName;

    /// <summary>429 <c>rate_limit_exceeded</c> (Box's ClientError body) with <c>Retry-After: N</c>, or without the header.</summary>
    public static BoxFault RateLimited(int retryAfterSeconds, bool inHeader = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(retryAfterSeconds);
        return new BoxFault(FaultKind.RateLimited, BoxRoute.Any) { StatusCode = 429, RetryAfterSeconds = retryAfterSeconds, RetryAfterInHeader = inHeader };
    }

    /// <summary>
    /// On an events request that carries a numeric <c>stream_position</c>: 400 <c>bad_request</c> "Invalid stream position",
    /// as Box answers a position it cannot continue. Requests without one (or with <c>0</c> or <c>now</c>) neither take it
    /// nor count for <c>Skip</c>.
    /// </summary>
    public static BoxFault InvalidStreamPosition() => new(FaultKind.VendorDefined, BoxRoute.Events) { StatusCode = 400 };

    static BoxFault IVendorFault<BoxFault>.Create(FaultKind kind) => new(kind, BoxRoute.Any);

    internal override bool AppliesTo(int route, HttpRequest request) =>
        base.AppliesTo(route, request)
        && (!IsInvalidStreamPosition || (route == (int)BoxRoute.Events && HasNumericPosition(request.Query["stream_position"].ToString())));

    internal override string? Problem(int allRoutes) =>
        base.Problem(allRoutes)
        ?? (IsInvalidStreamPosition && (Route & BoxRoute.Events) == BoxRoute.None ? "An invalid stream position only applies to the events route." : null);

    private static bool HasNumericPosition(string position) => position.Length > 0 && position != "0" && position.All(char.IsAsciiDigit);
}
