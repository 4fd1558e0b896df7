namespace AuditBridge.Simulators.Dropbox;

/// <summary>
/// A failure the Dropbox simulator produces on demand: the shared faults of
/// <see cref="SimulatorFault{TSelf, TRoute}"/> (<c>ServerError</c>, <c>Hang</c>, <c>EchoCredentials</c> …) and Dropbox's
/// own 429 and cursor faults. Create one with a factory method, optionally adjust <c>Route</c>, <c>Times</c> and
/// <c>Skip</c> with a <c>with</c> expression, and pass it to the simulator's <c>Faults.Enqueue</c>.
/// </summary>
public sealed record DropboxFault : SimulatorFault<DropboxFault, DropboxRoute>, IVendorFault<DropboxFault>
{
    private DropboxFault(FaultKind kind, DropboxRoute route)
        : base(kind, route)
    {
    }

    internal RetryAfterIn RetryAfterPlacement { get; private init; }

    internal DropboxFaultKind CursorKind { get; private init; }

    internal DateTimeOffset? ResetAt { get; private init; }

    private protected override string KindName => CursorKind == DropboxFaultKind.None ? base.KindName : CursorKind.ToString();

    /// <summary>
    /// 429 with <c>Retry-After</c> and/or the JSON body
    /// <c>{"error_summary":"too_many_requests/..","error":{"reason":{".tag":"too_many_requests"},"retry_after":N}}</c>,
    /// or a plain-text body.
    /// </summary>
    public static DropboxFault RateLimited(int retryAfterSeconds, RetryAfterIn where = RetryAfterIn.Both, bool plainText = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(retryAfterSeconds);
        return new DropboxFault(FaultKind.RateLimited, DropboxRoute.Any)
        {
            StatusCode = 429,
            RetryAfterSeconds = retryAfterSeconds,
            RetryAfterPlacement = where,
            IsPlainText = plainText,
        };
    }

    /// <summary>
    /// On <c>continue</c>: 409 <c>reset</c> carrying <paramref name="at"/>, by default the time of the most recent event the
    /// cursor returned. The cursor's whole lineage stays reset: the client must start over with <c>get_events</c>.
    /// </summary>
    public static DropboxFault ResetCursor(DateTimeOffset? at = null) =>
        new(FaultKind.VendorDefined, DropboxRoute.Continue) { CursorKind = DropboxFaultKind.ResetCursor, StatusCode = 409, ResetAt = at };

    /// <summary>On <c>continue</c>: 409 <c>bad_cursor</c>, once; the cursor itself stays valid.</summary>
    public static DropboxFault BadCursor() =>
        new(FaultKind.VendorDefined, DropboxRoute.Continue) { CursorKind = DropboxFaultKind.BadCursor, StatusCode = 409 };

    static DropboxFault IVendorFault<DropboxFault>.Create(FaultKind kind) => new(kind, DropboxRoute.Any);

    /// <summary>Cursor faults only ever apply to <c>continue</c>, whatever else their route names.</summary>
    internal override bool AppliesTo(int route, HttpRequest request) =>
        base.AppliesTo(route, request) && (CursorKind == DropboxFaultKind.None || route == (int)DropboxRoute.Continue);

    internal override string? Problem(int allRoutes) =>
        base.Problem(allRoutes)
        ?? (CursorKind != DropboxFaultKind.None && (Route & DropboxRoute.Continue) == DropboxRoute.None ? "Cursor faults only apply to the continue route." : null);
}
