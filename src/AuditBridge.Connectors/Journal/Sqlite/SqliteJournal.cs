using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace AuditBridge.Journal.Sqlite;

/// <summary>
/// The SQLite journal: one file in WAL mode, one writer session behind a gate (appends, positions, status, retention),
/// and a small pool of reader sessions that read committed snapshots in parallel with it. docs/journal.md describes the
/// file, the transactions and the failure classes; ADR 0005 the decisions.
/// </summary>
internal sealed partial class SqliteJournal : IJournal
{
    /// <summary>Page size of new journals: rows of 2 KB (event + raw JSON) fill 16 KB pages well, measured faster than 4 KB.</summary>
    internal const int PageSize = 16_384;

    // Concurrent reader connections; more readers wait for a free one. Each holds its own page cache.
    private const int MaxReaders = 8;

    private readonly string _path;
    private readonly SqliteJournalOptions _options;
    private readonly TimeProvider _time;
    private readonly SqliteJournalLock? _lock;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly SemaphoreSlim _readerSlots = new(MaxReaders, MaxReaders);
    private readonly ConcurrentStack<SqliteSession> _readers = new();
    private SqliteSession? _writer;
    private int _disposed;

    private SqliteJournal(string path, SqliteJournalOptions options, TimeProvider time, SqliteJournalLock? fileLock, SqliteSession writer)
    {
        _path = path;
        _options = options;
        _time = time;
        _lock = fileLock;
        _writer = writer;
    }

    /// <summary>Opens (and for the daemon creates, locks and migrates) the journal. Synchronous: the factory runs it off the caller's thread.</summary>
    public static SqliteJournal Open(SqliteJournalOptions options, TimeProvider time)
    {
        var path = System.IO.Path.GetFullPath(options.Path);
        SqliteJournalLock? fileLock = null;
        SqliteSession? writer = null;
        try
        {
            var created = false;
            if (options.Shared)
            {
                if (!File.Exists(path))
                {
                    throw new JournalException(
                        JournalErrorKind.NotFound,
                        $"There is no journal at {path}. Start the daemon ('auditbridge run') first, or check the journal path in the configuration.",
                        isTransient: false);
                }
            }
            else
            {
                SqliteJournalFiles.CreateDirectory(path);
                fileLock = SqliteJournalLock.Acquire(path);
                created = SqliteJournalFiles.CreateDatabaseFile(path);
            }

            writer = SqliteSession.Open(path, options.BusyTimeout);
            Configure(writer, options, path, created);
            if (options.Shared)
            {
                SqliteJournalSchema.Verify(writer, path);
            }
            else
            {
                SqliteJournalSchema.Migrate(writer, path, time);
            }

            SqliteJournalFiles.RestrictCompanions(path);
            return new SqliteJournal(path, options, time, fileLock, writer);
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException or JournalException)
        {
            writer?.Dispose();
            fileLock?.Dispose();
            throw e switch
            {
                SqliteException sqlite => SqliteErrors.From(sqlite, path, "open", options.BusyTimeout),
                JournalException journal => journal,
                _ => SqliteErrors.FromFileSystem(e, path, "open the journal"),
            };
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        // Let an append in flight finish: its page is either committed or rolled back, never cut by the close.
        await _writeGate.WaitAsync();
        try
        {
            _writer?.Dispose();
            _writer = null;
            DrainReaders();
        }
        finally
        {
            _lock?.Dispose();
            _writeGate.Release();
        }
    }

    private bool IsDisposed => Volatile.Read(ref _disposed) == 1;

    private static void Configure(SqliteSession session, SqliteJournalOptions options, string path, bool created)
    {
        if (!options.Shared)
        {
            if (created || session.QueryInt64("PRAGMA page_count") == 0)
            {
                // Only takes effect on an empty file, and only before WAL mode is on.
                session.Execute(string.Create(CultureInfo.InvariantCulture, $"PRAGMA page_size = {PageSize}"));
            }

            // WAL: readers never block the writer nor see half a transaction, and a commit is one sequential write.
            // The mode is stored in the file, so shared openers and the sqlite3 shell use it too.
            var mode = session.QueryText("PRAGMA journal_mode = WAL");
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new JournalException(
                    JournalErrorKind.Incompatible,
                    $"The journal {path} cannot use write-ahead logging (SQLite kept journal mode '{mode}'). WAL needs a local file system with shared memory: put the journal on a local disk, not NFS or SMB.",
                    isTransient: false);
            }
        }

        var synchronous = options.SynchronousFull ? "FULL" : "NORMAL";
        session.Execute($"PRAGMA synchronous = {synchronous}; PRAGMA cache_size = -32768; PRAGMA temp_store = MEMORY; PRAGMA journal_size_limit = 67108864");
        if (options.MaxPageCount is { } maxPages)
        {
            session.Execute(string.Create(CultureInfo.InvariantCulture, $"PRAGMA max_page_count = {maxPages}"));
        }
    }

    /// <summary>Runs <paramref name="work"/> on the writer session, one caller at a time, and classifies SQLite failures.</summary>
    private async Task<T> WriteAsync<T>(string operation, Func<SqliteSession, T> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(IsDisposed, this);
            var session = _writer ??= OpenWriter();
            try
            {
                return work(session);
            }
            catch (SqliteException e)
            {
                throw SqliteErrors.From(e, _path, operation, _options.BusyTimeout);
            }
            finally
            {
                if (!session.TryRollback())
                {
                    // A transaction that cannot be rolled back leaves the session in an unknown state: start afresh.
                    session.Dispose();
                    _writer = null;
                }
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Runs <paramref name="work"/> on a reader session (a committed snapshot per statement or read transaction).</summary>
    private async Task<T> ReadAsync<T>(string operation, Func<SqliteSession, T> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await _readerSlots.WaitAsync(cancellationToken);
        SqliteSession? session = null;
        var healthy = true;
        try
        {
            ObjectDisposedException.ThrowIf(IsDisposed, this);
            session = _readers.TryPop(out var pooled) ? pooled : OpenReader();
            return work(session);
        }
        catch (SqliteException e)
        {
            healthy = false;
            throw SqliteErrors.From(e, _path, operation, _options.BusyTimeout);
        }
        finally
        {
            if (session is not null)
            {
                ReturnReader(session, healthy && session.TryRollback());
            }

            _readerSlots.Release();
        }
    }

    private SqliteSession OpenWriter()
    {
        var session = SqliteSession.Open(_path, _options.BusyTimeout);
        try
        {
            Configure(session, _options with { Shared = true }, _path, created: false);
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    private SqliteSession OpenReader()
    {
        var session = SqliteSession.Open(_path, _options.BusyTimeout);
        try
        {
            // A reader never writes; query_only makes a mistake an error instead of a write outside the gate.
            session.Execute("PRAGMA query_only = 1; PRAGMA cache_size = -8192; PRAGMA temp_store = MEMORY");
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    private void ReturnReader(SqliteSession session, bool healthy)
    {
        if (!healthy || IsDisposed)
        {
            session.Dispose();
            return;
        }

        _readers.Push(session);
        if (IsDisposed)
        {
            // Disposed while this session was out: the drain may have run before the push.
            DrainReaders();
        }
    }

    private void DrainReaders()
    {
        while (_readers.TryPop(out var session))
        {
            session.Dispose();
        }
    }

    private long NowMilliseconds() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private static string? Truncate(string? text)
    {
        if (text is null || text.Length <= IJournalStatusStore.MaxErrorLength)
        {
            return text;
        }

        // Room for the ellipsis, and never half a surrogate pair.
        var length = IJournalStatusStore.MaxErrorLength - 1;
        if (char.IsHighSurrogate(text[length - 1]))
        {
            length--;
        }

        return string.Concat(text.AsSpan(0, length), "…");
    }
}
