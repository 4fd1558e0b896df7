using System.Globalization;

namespace AuditBridge.Journal.Sqlite;

/// <summary>Fills columns a migration adds from the stored events' bodies, inside the migration's transaction.</summary>
internal static class SqliteJournalBackfill
{
    private const int Chunk = 1_000;

    /// <summary>Version 4: <c>description</c> and <c>object_path</c> of every stored event, decoded from its body.</summary>
    public static void DescriptionAndObjectPath(SqliteSession session)
    {
        var update = session.Prepare("UPDATE events SET description = ?2, object_path = ?3 WHERE seq = ?1");
        var after = 0L;
        while (true)
        {
            var rows = new List<(long Sequence, string? Description, string? ObjectPath)>(Chunk);
            var select = session.Prepare("SELECT seq, body, raw FROM events WHERE seq > ?1 ORDER BY seq LIMIT ?2");
            select.Bind(1, after);
            select.Bind(2, Chunk);
            try
            {
                while (select.Step())
                {
                    var sequence = select.Int64(0);
                    AuditBridge.Events.AuditEvent decoded;
                    try
                    {
                        decoded = AuditEventCodec.Decode(select.Blob(1), select.Blob(2).ToArray());
                    }
                    catch (FormatException e)
                    {
                        throw new JournalException(JournalErrorKind.Corrupt, string.Create(CultureInfo.InvariantCulture, $"event {sequence} cannot be read while upgrading the journal: {e.Message}"), isTransient: false, e);
                    }

                    rows.Add((sequence, decoded.Description, Query.EventQuery.FirstObjectPath(decoded)));
                }
            }
            finally
            {
                select.Reset();
            }

            foreach (var (sequence, description, objectPath) in rows)
            {
                update.Bind(1, sequence);
                update.Bind(2, description);
                update.Bind(3, objectPath);
                update.Execute();
            }

            if (rows.Count < Chunk)
            {
                return;
            }

            after = rows[^1].Sequence;
        }
    }
}
