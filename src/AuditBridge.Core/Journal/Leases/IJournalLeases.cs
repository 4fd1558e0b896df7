namespace AuditBridge.Journal.Leases;

/// <summary>
/// Who owns which component when several workers share one journal. A lease is held until it expires unless its owner
/// renews it; it is given to another worker only once it expired or was released. Times are the journal's clock.
/// </summary>
/// <remarks>
/// With one SQLite daemon (the journal's lock file admits one) every lease is that daemon's and the checks are cheap;
/// with a shared journal they are what keeps two workers from reading one source or delivering to one sink. Every
/// write an owner makes carries its lease's <see cref="Fence"/>.
/// </remarks>
public interface IJournalLeases
{
    /// <summary>
    /// Takes the lease <paramref name="name"/> for <paramref name="owner"/> for <paramref name="duration"/>: when nobody
    /// holds it, it expired, or <paramref name="owner"/> holds it already (then it is extended and keeps its token).
    /// Returns null while another owner holds it.
    /// </summary>
    Task<Lease?> TryAcquireLeaseAsync(string name, string owner, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>
    /// Extends <paramref name="lease"/> to now + <paramref name="duration"/> if its owner still holds it with the same
    /// token and it has not expired; returns the extended lease, or null when it was lost (then stop writing at once).
    /// </summary>
    Task<Lease?> RenewLeaseAsync(Lease lease, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>Gives the lease up at once (a stopping worker hands over without waiting for the expiry); a lost lease is left alone.</summary>
    Task ReleaseLeaseAsync(Lease lease, CancellationToken cancellationToken);

    /// <summary>Every lease ever taken, held or not, by name.</summary>
    Task<IReadOnlyList<Lease>> GetLeasesAsync(CancellationToken cancellationToken);
}
