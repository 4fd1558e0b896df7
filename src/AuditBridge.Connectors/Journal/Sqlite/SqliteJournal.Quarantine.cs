using System.Security.Cryptography;
using AuditBridge.Sources;

namespace AuditBridge.Journal.Sqlite;

internal sealed partial class SqliteJournal
{
    // A poison event read again (an overlap, a page re-read after a failed append) is the same row: the digest of its
    // bytes is its identity, since the event could not be read for an id.
    private const string InsertQuarantineSql = """
        INSERT INTO quarantine(source, vendor, digest, position, error, received_ms, raw) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)
        ON CONFLICT(source, digest) DO NOTHING
        """;

    private const string ReadQuarantineSql = """
        SELECT id, source, received_ms, vendor, position, error, raw FROM quarantine
        WHERE id > ?1 AND (?2 IS NULL OR source = ?2) ORDER BY id LIMIT ?3
        """;

    private const string DeleteQuarantineSql = "DELETE FROM quarantine WHERE received_ms < ?1";

    public Task<IReadOnlyList<QuarantineEntry>> ReadQuarantineAsync(string? source, long afterId, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterId);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        return ReadAsync<IReadOnlyList<QuarantineEntry>>("read the quarantine of", session =>
        {
            var entries = new List<QuarantineEntry>();
            var select = session.Prepare(ReadQuarantineSql);
            select.Bind(1, afterId);
            select.Bind(2, source);
            select.Bind(3, max);
            try
            {
                while (select.Step())
                {
                    entries.Add(new QuarantineEntry(
                        select.Int64(0),
                        select.Text(1)!,
                        DateTimeOffset.FromUnixTimeMilliseconds(select.Int64(2)),
                        new QuarantinedEvent(select.Text(3)!, select.Text(4)!, select.Text(5)!, select.Blob(6).ToArray())));
                }
            }
            finally
            {
                select.Reset();
            }

            return entries;
        }, cancellationToken);
    }

    /// <summary>Stores a page's quarantined events inside its append transaction; returns how many were new.</summary>
    private static int AppendQuarantine(SqliteSession session, string source, IReadOnlyList<QuarantinedEvent> quarantined, DateTimeOffset received)
    {
        if (quarantined.Count == 0)
        {
            return 0;
        }

        var insert = session.Prepare(InsertQuarantineSql);
        insert.Bind(1, source);
        insert.Bind(6, received.ToUnixTimeMilliseconds());
        var stored = 0;
        foreach (var item in quarantined)
        {
            insert.Bind(2, item.Vendor);
            insert.Bind(3, Convert.ToHexStringLower(SHA256.HashData(item.Raw.Span)));
            insert.Bind(4, item.Position);
            insert.Bind(5, item.Error);
            insert.BindBlob(7, item.Raw.Span);
            insert.Execute();
            stored += session.Changes;
        }

        return stored;
    }

    /// <summary>Retention for the quarantine: rows received before the cut-off go; no sink ever needs them.</summary>
    private Task<bool> DeleteExpiredQuarantineAsync(long olderMs, CancellationToken cancellationToken) =>
        WriteAsync("apply retention to", session =>
        {
            var delete = session.Prepare(DeleteQuarantineSql);
            delete.Bind(1, olderMs);
            delete.Execute();
            return true;
        }, cancellationToken);
}
