using System.Buffers;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace AuditBridge.Journal.Sqlite;

/// <summary>
/// One prepared statement, kept for the life of its connection and reset after each use. Straight over SQLitePCLRaw
/// rather than <see cref="SqliteCommand"/>: binds take UTF-8 spans and column blobs come back as spans (no copy per
/// event), and a busy database fails after SQLite's own busy timeout instead of Microsoft.Data.Sqlite's retry loop,
/// whose timeout has whole-second steps.
/// </summary>
internal sealed class SqliteStatement : IDisposable
{
    // SQLITE_PREPARE_PERSISTENT: the statement is reused for the life of the connection.
    private const uint PreparePersistent = 0x01;

    // Strings up to this many UTF-16 units are transcoded on the stack; longer ones in a rented array.
    private const int StackLimit = 256;

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public SqliteStatement(sqlite3 db, string sql)
    {
        _db = db;
        var rc = raw.sqlite3_prepare_v3(db, sql, PreparePersistent, out _statement);
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }
    }

    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    public void Bind(int index, long? value)
    {
        if (value is { } v)
        {
            Bind(index, v);
        }
        else
        {
            BindNull(index);
        }
    }

    public void Bind(int index, string? value)
    {
        if (value is null)
        {
            BindNull(index);
            return;
        }

        // SQLite copies the text (SQLITE_TRANSIENT), so a stack or rented buffer may be reused right after.
        if (value.Length <= StackLimit)
        {
            Span<byte> utf8 = stackalloc byte[StackLimit * 3];
            BindText(index, utf8[..Encoding.UTF8.GetBytes(value, utf8)]);
            return;
        }

        var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(value.Length));
        try
        {
            BindText(index, rented.AsSpan(0, Encoding.UTF8.GetBytes(value, rented)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public void BindText(int index, ReadOnlySpan<byte> utf8) => Check(raw.sqlite3_bind_text(_statement, index, utf8));

    public void BindBlob(int index, ReadOnlySpan<byte> value) => Check(raw.sqlite3_bind_blob(_statement, index, value));

    public void BindNull(int index) => Check(raw.sqlite3_bind_null(_statement, index));

    /// <summary>Runs the statement one step: true when a row is ready, false when it is done.</summary>
    /// <exception cref="SqliteException">SQLite failed (busy after the busy timeout, full, I/O, corrupt, constraint …).</exception>
    public bool Step()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        if (rc == raw.SQLITE_DONE)
        {
            return false;
        }

        SqliteException.ThrowExceptionForRC(rc, _db);
        return false;
    }

    /// <summary>Ends the current use; bindings stay for the next one.</summary>
    public void Reset() => raw.sqlite3_reset(_statement);

    /// <summary>Runs a statement that returns no rows (or whose rows do not matter) and resets it.</summary>
    public void Execute()
    {
        try
        {
            while (Step())
            {
            }
        }
        finally
        {
            Reset();
        }
    }

    /// <summary>
    /// Runs a statement to its end and returns the first column of its first row (null when no row or NULL). Running to
    /// the end (not resetting after the first row) makes a write with RETURNING report a failed commit.
    /// </summary>
    public long? ExecuteInt64()
    {
        try
        {
            long? value = Step() && !IsNull(0) ? Int64(0) : null;
            while (Step())
            {
            }

            return value;
        }
        finally
        {
            Reset();
        }
    }

    public bool IsNull(int column) => raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL;

    public long Int64(int column) => raw.sqlite3_column_int64(_statement, column);

    public long? NullableInt64(int column) => IsNull(column) ? null : Int64(column);

    public string? Text(int column) => IsNull(column) ? null : Encoding.UTF8.GetString(raw.sqlite3_column_blob(_statement, column));

    /// <summary>The column's bytes, valid until the next step or reset.</summary>
    public ReadOnlySpan<byte> Blob(int column) => raw.sqlite3_column_blob(_statement, column);

    public void Dispose() => raw.sqlite3_finalize(_statement);

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}
