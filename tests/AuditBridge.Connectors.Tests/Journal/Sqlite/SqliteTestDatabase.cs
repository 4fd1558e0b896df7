using Microsoft.Data.Sqlite;

namespace AuditBridge.Connectors.Tests.Journal.Sqlite;

/// <summary>Plain SQLite access to a journal file from the outside, as another process or the sqlite3 shell would have.</summary>
internal static class SqliteTestDatabase
{
    public static SqliteConnection Open(string path, int busyTimeoutMs = 0)
    {
        // No pooling: a pooled connection would keep the file open after the test disposed it.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, Mode = SqliteOpenMode.ReadWrite }.ToString());
        connection.Open();
        Execute(connection, $"PRAGMA busy_timeout = {busyTimeoutMs}");
        return connection;
    }

    /// <summary>Creates an empty SQLite database (not a journal) and returns its path.</summary>
    public static string CreateEmpty(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return path;
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public static void Execute(string path, string sql)
    {
        using var connection = Open(path);
        Execute(connection, sql);
    }

    public static object? Scalar(string path, string sql)
    {
        using var connection = Open(path);
        return Scalar(connection, sql);
    }

    /// <summary>Runs one statement without Microsoft.Data.Sqlite's busy retries (which last 30 s); returns SQLite's result code.</summary>
    public static int TryExecute(SqliteConnection connection, string sql) => SQLitePCL.raw.sqlite3_exec(connection.Handle, sql);

    /// <summary>SQLite's full integrity check: "ok" when every page, index and constraint is consistent.</summary>
    public static string IntegrityCheck(string path)
    {
        using var connection = Open(path, busyTimeoutMs: 5000);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join("\n", lines);
    }
}
