using System.Globalization;
using AuditBridge.Journal.Leases;

namespace AuditBridge.Journal.Sqlite;

internal sealed partial class SqliteJournal
{
    private const string SelectLeaseSql = "SELECT owner, token, acquired_ms, expires_ms FROM leases WHERE name = ?1";

    private const string UpsertLeaseSql = """
        INSERT INTO leases(name, owner, token, acquired_ms, expires_ms) VALUES(?1, ?2, ?3, ?4, ?5)
        ON CONFLICT(name) DO UPDATE SET owner = excluded.owner, token = excluded.token, acquired_ms = excluded.acquired_ms, expires_ms = excluded.expires_ms
        """;

    private const string ExtendLeaseSql = "UPDATE leases SET expires_ms = ?3 WHERE name = ?1 AND token = ?2";

    private const string SelectLeasesSql = "SELECT name, owner, token, acquired_ms, expires_ms FROM leases ORDER BY name";

    private const string SelectLeaseTokenSql = "SELECT token FROM leases WHERE name = ?1";

    public Task<Lease?> TryAcquireLeaseAsync(string name, string owner, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        return WriteAsync<Lease?>("take a lease in", session =>
        {
            session.Begin();
            var now = NowMilliseconds();
            var until = now + (long)duration.TotalMilliseconds;
            var current = ReadLease(session, name);
            Lease lease;
            if (current is null)
            {
                lease = new Lease(name, owner, 1, Time(now), Time(until));
            }
            else if (current.ExpiresAt.ToUnixTimeMilliseconds() > now)
            {
                if (!string.Equals(current.Owner, owner, StringComparison.Ordinal))
                {
                    return null;
                }

                // The owner asks again while it holds it (a restart inside the expiry): the same token, a later expiry.
                lease = current with { ExpiresAt = Time(until) };
            }
            else
            {
                // Expired or released: whoever takes it now, even the same owner, gets a new token, because writes under
                // the old one may have been refused or overtaken in between.
                lease = new Lease(name, owner, current.Token + 1, Time(now), Time(until));
            }

            var upsert = session.Prepare(UpsertLeaseSql);
            upsert.Bind(1, name);
            upsert.Bind(2, owner);
            upsert.Bind(3, lease.Token);
            upsert.Bind(4, lease.AcquiredAt.ToUnixTimeMilliseconds());
            upsert.Bind(5, lease.ExpiresAt.ToUnixTimeMilliseconds());
            upsert.Execute();
            session.Commit();
            return lease;
        }, cancellationToken);
    }

    public Task<Lease?> RenewLeaseAsync(Lease lease, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        return WriteAsync<Lease?>("renew a lease in", session =>
        {
            session.Begin();
            var now = NowMilliseconds();
            var current = ReadLease(session, lease.Name);
            if (current is null || current.Token != lease.Token || !string.Equals(current.Owner, lease.Owner, StringComparison.Ordinal)
                || current.ExpiresAt.ToUnixTimeMilliseconds() <= now)
            {
                return null;
            }

            var extended = current with { ExpiresAt = Time(now + (long)duration.TotalMilliseconds) };
            SetExpiry(session, extended);
            session.Commit();
            return extended;
        }, cancellationToken);
    }

    public Task ReleaseLeaseAsync(Lease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return WriteAsync("release a lease in", session =>
        {
            // The row stays (expired now) so the next owner's token is still higher; a lease lost meanwhile is not touched.
            SetExpiry(session, lease with { ExpiresAt = Time(Math.Min(NowMilliseconds(), lease.ExpiresAt.ToUnixTimeMilliseconds())) });
            return true;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<Lease>> GetLeasesAsync(CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<Lease>>("read the leases of", session =>
        {
            var leases = new List<Lease>();
            var select = session.Prepare(SelectLeasesSql);
            try
            {
                while (select.Step())
                {
                    leases.Add(new Lease(select.Text(0)!, select.Text(1)!, select.Int64(2), Time(select.Int64(3)), Time(select.Int64(4))));
                }
            }
            finally
            {
                select.Reset();
            }

            return leases;
        }, cancellationToken);

    /// <summary>
    /// Refuses a fenced write inside its transaction when the lease it was made under has another token now (or none):
    /// another worker took the component over, and this writer must stop.
    /// </summary>
    private static void CheckFence(SqliteSession session, Fence? fence, string operation)
    {
        if (fence is not { } held)
        {
            return;
        }

        var select = session.Prepare(SelectLeaseTokenSql);
        select.Bind(1, held.Lease);
        var token = select.ExecuteInt64();
        if (token != held.Token)
        {
            throw new JournalException(
                JournalErrorKind.Fenced,
                string.Create(CultureInfo.InvariantCulture, $"Refused to {operation} the journal under lease {held.Lease} with token {held.Token}: the lease now has {(token is { } now ? $"token {now}" : "no holder")}, so another worker owns it. Nothing was written; this worker stops writing for it."),
                isTransient: false);
        }
    }

    private static Lease? ReadLease(SqliteSession session, string name)
    {
        var select = session.Prepare(SelectLeaseSql);
        select.Bind(1, name);
        try
        {
            return select.Step() ? new Lease(name, select.Text(0)!, select.Int64(1), Time(select.Int64(2)), Time(select.Int64(3))) : null;
        }
        finally
        {
            select.Reset();
        }
    }

    private static DateTimeOffset Time(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

    private static void SetExpiry(SqliteSession session, Lease lease)
    {
        var extend = session.Prepare(ExtendLeaseSql);
        extend.Bind(1, lease.Name);
        extend.Bind(2, lease.Token);
        extend.Bind(3, lease.ExpiresAt.ToUnixTimeMilliseconds());
        extend.Execute();
    }
}
