using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace AuditBridge.Journal.Sqlite;

/// <summary>
/// One SQLite connection and the statements prepared on it. Used by one thread at a time: the journal has one writer
/// session behind a gate and a pool of reader sessions, each rented for one operation.
/// </summary>
internal sealed class SqliteSession : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, SqliteStatement> _statements = new(StringComparer.Ordinal);

    private SqliteSession(SqliteConnection connection)
    {
        _connection = connection;
        Handle = connection.Handle!;
    }

    public sqlite3 Handle { get; }

    /// <summary>True while a transaction is open (SQLite may have rolled one back by itself after an error).</summary>
    public bool InTransaction => raw.sqlite3_get_autocommit(Handle) == 0;

    /// <summary>Rows changed by the last INSERT, UPDATE or DELETE.</summary>
    public int Changes => raw.sqlite3_changes(Handle);

    public long LastInsertRowId => raw.sqlite3_last_insert_rowid(Handle);

    /// <summary>Opens a connection to an existing file; never creates one (the journal creates it first, with its mode).</summary>
    public static SqliteSession Open(string path, TimeSpan busyTimeout)
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWrite,

            // The journal keeps its own sessions with their prepared statements; a pool would hide when files are closed.
            Pooling = false,
        }.ToString();
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            var session = new SqliteSession(connection);

            // SQLite's busy handler waits (with backoff) up to this long for another connection's lock, then fails with
            // SQLITE_BUSY, which the journal reports as a transient "locked" error.
            var rc = raw.sqlite3_busy_timeout(session.Handle, (int)busyTimeout.TotalMilliseconds);
            if (rc != raw.SQLITE_OK)
            {
                SqliteException.ThrowExceptionForRC(rc, session.Handle);
            }

            return session;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>The statement for <paramref name="sql"/>, prepared on first use and kept.</summary>
    public SqliteStatement Prepare(string sql)
    {
        if (!_statements.TryGetValue(sql, out var statement))
        {
            statement = new SqliteStatement(Handle, sql);
            _statements.Add(sql, statement);
        }

        return statement;
    }

    /// <summary>Runs one or more statements that return nothing the caller needs (pragmas, schema).</summary>
    public void Execute(string sql)
    {
        var rc = raw.sqlite3_exec(Handle, sql);
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, Handle);
        }
    }

    /// <summary>Runs a query (a pragma) once and returns its first column as text.</summary>
    public string? QueryText(string sql)
    {
        using var statement = new SqliteStatement(Handle, sql);
        return statement.Step() ? statement.Text(0) : null;
    }

    /// <summary>Runs a query (a pragma) once and returns its first column as a number.</summary>
    public long QueryInt64(string sql)
    {
        using var statement = new SqliteStatement(Handle, sql);
        return statement.Step() ? statement.Int64(0) : 0;
    }

    public void Begin() => Prepare("BEGIN IMMEDIATE").Execute();

    public void BeginRead() => Prepare("BEGIN DEFERRED").Execute();

    public void Commit() => Prepare("COMMIT").Execute();

    /// <summary>
    /// Rolls back if a transaction is still open; true when none is open afterwards. Never throws: it runs while another
    /// error is on its way out, and a session that could not roll back is replaced by the caller.
    /// </summary>
    public bool TryRollback()
    {
        if (!InTransaction)
        {
            return true;
        }

        try
        {
            Prepare("ROLLBACK").Execute();
        }
        catch (SqliteException)
        {
            // Reported through the return value: the original error is the one worth surfacing.
        }

        return !InTransaction;
    }

    public void Dispose()
    {
        foreach (var statement in _statements.Values)
        {
            statement.Dispose();
        }

        _statements.Clear();
        _connection.Dispose();
    }
}
