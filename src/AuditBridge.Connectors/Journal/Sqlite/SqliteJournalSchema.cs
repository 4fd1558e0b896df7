using System.Globalization;

namespace AuditBridge.Journal.Sqlite;

/// <summary>
/// The journal's tables and their forward-only migrations. Every applied migration is a row of
/// <c>journal_schema</c>; the file is marked with <see cref="ApplicationId"/> so a foreign SQLite database is refused
/// instead of being written into. Only the exclusive opener (the daemon) migrates, all pending migrations inside one
/// write transaction (a crash leaves the old version whole); shared openers need the exact current version.
/// docs/journal.md describes every column.
/// </summary>
internal static class SqliteJournalSchema
{
    /// <summary><c>PRAGMA application_id</c> of a journal: "ABJL" in ASCII.</summary>
    public const int ApplicationId = 0x41424A4C;

    private static readonly Migration[] Migrations =
    [
        new(1, "events, appends, checkpoints with recent ids, sink positions, source and sink status", """
            CREATE TABLE journal_schema(
              version INTEGER PRIMARY KEY,
              description TEXT NOT NULL,
              applied_ms INTEGER NOT NULL);

            -- One row per stored event. seq is the sequence number (AUTOINCREMENT: never reused, also after deletes).
            -- body is AuditEventCodec's encoding of the normalized event, raw the vendor JSON byte for byte; the other
            -- columns repeat what the activity console filters on, so queries need not decode.
            CREATE TABLE events(
              seq INTEGER PRIMARY KEY AUTOINCREMENT,
              source TEXT NOT NULL,
              id TEXT NOT NULL,
              vendor TEXT NOT NULL,
              time_ms INTEGER NOT NULL,
              received_ms INTEGER NOT NULL,
              category TEXT NOT NULL,
              action TEXT NOT NULL,
              severity INTEGER NOT NULL,
              actor_email TEXT,
              actor_name TEXT,
              target_email TEXT,
              target_name TEXT,
              ip TEXT,
              indicators TEXT,
              body BLOB NOT NULL,
              raw BLOB NOT NULL,
              UNIQUE(source, time_ms, id));

            -- One row per append that stored something: the sequence range it filled, when, and the event time span.
            -- Finds the first sequence at a time (replay --since) and counts events per source and day, cheaply.
            CREATE TABLE appends(
              first_seq INTEGER PRIMARY KEY,
              last_seq INTEGER NOT NULL,
              source TEXT NOT NULL,
              received_ms INTEGER NOT NULL,
              time_min_ms INTEGER NOT NULL,
              time_max_ms INTEGER NOT NULL,
              inserted INTEGER NOT NULL,
              duplicates INTEGER NOT NULL);
            CREATE INDEX appends_by_source ON appends(source, received_ms);

            -- The checkpoint of each source, replaced in the same transaction as its page's events.
            CREATE TABLE checkpoints(
              source TEXT PRIMARY KEY,
              position TEXT,
              newest_ticks INTEGER,
              updated_ms INTEGER NOT NULL) WITHOUT ROWID;

            -- The checkpoint's window of recent ids, changed row by row (a window can hold 100,000 ids).
            CREATE TABLE checkpoint_recent(
              source TEXT NOT NULL,
              id TEXT NOT NULL,
              time_ticks INTEGER NOT NULL,
              PRIMARY KEY(source, id)) WITHOUT ROWID;

            -- Delivery position of each sink; requested is set by another process and taken by the delivery loop.
            CREATE TABLE sink_positions(
              sink TEXT PRIMARY KEY,
              position INTEGER NOT NULL,
              requested INTEGER,
              requested_ms INTEGER,
              updated_ms INTEGER NOT NULL) WITHOUT ROWID;

            -- Operational state the daemon writes and auditbridge status reads.
            CREATE TABLE source_status(
              source TEXT PRIMARY KEY,
              last_poll_ms INTEGER,
              last_success_ms INTEGER,
              last_error TEXT,
              last_error_ms INTEGER) WITHOUT ROWID;

            CREATE TABLE sink_status(
              sink TEXT PRIMARY KEY,
              last_delivery_ms INTEGER,
              last_error TEXT,
              last_error_ms INTEGER) WITHOUT ROWID;
            """),
        new(2, "quarantined events", """
            -- Vendor events a source read but could not map: kept with the page that carried them (same transaction as
            -- its checkpoint), once per source and content (digest = SHA-256 of raw, hex), never delivered.
            CREATE TABLE quarantine(
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              source TEXT NOT NULL,
              vendor TEXT NOT NULL,
              digest TEXT NOT NULL,
              position TEXT NOT NULL,
              error TEXT NOT NULL,
              received_ms INTEGER NOT NULL,
              raw BLOB NOT NULL,
              UNIQUE(source, digest));
            """),
        new(3, "sink_status.sent: records each sink handed off", """
            -- Records (for UDP: datagrams) handed off by completed batches, over the journal's life; for status.
            ALTER TABLE sink_status ADD COLUMN sent INTEGER NOT NULL DEFAULT 0;
            """),
        new(4, "leases; events: description, object_path, by event time", """
            -- Ownership of components by workers (IJournalLeases). token grows each time a lease changes hands or is
            -- taken again after it ran out or was released; a row stays after release so it never goes back.
            CREATE TABLE leases(
              name TEXT PRIMARY KEY,
              owner TEXT NOT NULL,
              token INTEGER NOT NULL,
              acquired_ms INTEGER NOT NULL,
              expires_ms INTEGER NOT NULL) WITHOUT ROWID;

            -- What the query contract filters on besides the columns of version 1: the description (free text) and the
            -- first object's path (path prefix). Filled for existing rows from their bodies by the same migration.
            ALTER TABLE events ADD COLUMN description TEXT;
            ALTER TABLE events ADD COLUMN object_path TEXT;

            -- Newest first over all sources: the query contract's order (time, then sequence: the rowid rides along).
            CREATE INDEX events_by_time ON events(time_ms);
            """, SqliteJournalBackfill.DescriptionAndObjectPath),
    ];

    /// <summary>The version this build writes and reads.</summary>
    public static int CurrentVersion => Migrations[^1].Version;

    /// <summary>Brings the journal up to <see cref="CurrentVersion"/>; returns the version it had (0 for a new file).</summary>
    /// <exception cref="JournalException">The file is a foreign database or a newer journal.</exception>
    public static int Migrate(SqliteSession session, string path, TimeProvider time)
    {
        session.Begin();
        try
        {
            var found = ReadVersion(session, path);
            if (found > CurrentVersion)
            {
                throw Newer(path, found);
            }

            foreach (var migration in Migrations.Where(m => m.Version > found))
            {
                session.Execute(migration.Sql);
                migration.Backfill?.Invoke(session);
                var record = session.Prepare("INSERT INTO journal_schema(version, description, applied_ms) VALUES(?1, ?2, ?3)");
                record.Bind(1, migration.Version);
                record.Bind(2, migration.Description);
                record.Bind(3, time.GetUtcNow().ToUnixTimeMilliseconds());
                record.Execute();
            }

            if (found == 0)
            {
                session.Execute(string.Create(CultureInfo.InvariantCulture, $"PRAGMA application_id = {ApplicationId}"));
            }

            session.Commit();
            return found;
        }
        finally
        {
            session.TryRollback();
        }
    }

    /// <summary>Checks that a journal opened by a tool has exactly the current version (a tool never migrates).</summary>
    public static void Verify(SqliteSession session, string path)
    {
        var found = ReadVersion(session, path);
        if (found > CurrentVersion)
        {
            throw Newer(path, found);
        }

        if (found < CurrentVersion)
        {
            throw new JournalException(
                JournalErrorKind.Incompatible,
                found == 0
                    ? $"{path} holds no journal yet. Start the daemon ('auditbridge run') first; it creates the journal."
                    : $"The journal {path} has schema version {found}; this auditbridge needs {CurrentVersion}. Start the daemon of this version once to upgrade it, then run this command again.",
                isTransient: false);
        }
    }

    private static int ReadVersion(SqliteSession session, string path)
    {
        var applicationId = session.QueryInt64("PRAGMA application_id");
        var tables = session.QueryInt64("SELECT count(*) FROM sqlite_schema");
        if (applicationId == 0 && tables == 0)
        {
            return 0;
        }

        if (applicationId != ApplicationId)
        {
            throw new JournalException(
                JournalErrorKind.Incompatible,
                $"{path} is a SQLite database but not an AuditBridge journal (application id {applicationId.ToString(CultureInfo.InvariantCulture)}). Point the journal path at a new file; this one was left unchanged.",
                isTransient: false);
        }

        return (int)session.QueryInt64("SELECT coalesce(max(version), 0) FROM journal_schema");
    }

    private static JournalException Newer(string path, int found) => new(
        JournalErrorKind.Incompatible,
        $"The journal {path} has schema version {found}, written by a newer auditbridge; this one knows up to {CurrentVersion}. Run the newer version (journals are not migrated backwards).",
        isTransient: false);

    /// <summary>One schema version: its SQL, and a backfill that fills what the SQL added for the rows already there where SQL alone cannot (a value inside a body).</summary>
    private sealed record Migration(int Version, string Description, string Sql, Action<SqliteSession>? Backfill = null);
}
