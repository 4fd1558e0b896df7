namespace AuditBridge.Journal.Leases;

/// <summary>
/// Ownership of a named component (a source, a sink, the alert evaluator) by one worker until <paramref name="ExpiresAt"/>.
/// </summary>
/// <param name="Name">The component, for example <c>source:acme-dropbox</c>.</param>
/// <param name="Owner">The worker holding it (its <c>--worker</c> name).</param>
/// <param name="Token">
/// The fencing token: it grows every time the lease changes hands (or is taken again after it was released or ran
/// out), never for a renewal. Every write the owner makes carries it (<see cref="Fence"/>); the journal refuses a
/// write whose token is no longer the lease's, so a paused or partitioned worker cannot write after its successor.
/// </param>
/// <param name="AcquiredAt">When this owner took it (this token).</param>
/// <param name="ExpiresAt">Until when it is held unless renewed.</param>
public sealed record Lease(string Name, string Owner, long Token, DateTimeOffset AcquiredAt, DateTimeOffset ExpiresAt)
{
    /// <summary>The fence the owner's writes carry.</summary>
    public Fence Fence => new(Name, Token);
}
