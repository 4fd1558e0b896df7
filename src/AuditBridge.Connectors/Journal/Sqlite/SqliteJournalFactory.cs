namespace AuditBridge.Journal.Sqlite;

/// <summary>Opens SQLite journals (the <c>sqlite</c> journal type): one file, one daemon, any number of readers.</summary>
public static class SqliteJournalFactory
{
    /// <summary>The journal type name used in configuration.</summary>
    public const string Type = "sqlite";

    /// <summary>
    /// Opens the journal at <see cref="SqliteJournalOptions.Path"/>. The daemon's open (not
    /// <see cref="SqliteJournalOptions.Shared"/>) takes the lock file, creates the file (0600) and brings its schema up
    /// to date. The result also implements <see cref="IJournalStatusStore"/>. Dispose it to release the file.
    /// </summary>
    /// <param name="options">Settings; not read again after this call.</param>
    /// <param name="time">The clock for status times (events today, when a request or position was written).</param>
    /// <param name="cancellationToken">Checked before the file is opened.</param>
    /// <exception cref="ArgumentException">The settings are invalid (every problem is listed).</exception>
    /// <exception cref="JournalException">
    /// The journal cannot be used: another daemon holds it (<see cref="JournalErrorKind.InUse"/>), it is damaged or not a
    /// journal, it was written by a newer version, it or its directory is not writable, or it is locked for longer than
    /// the busy timeout. <see cref="JournalException.IsTransient"/> says whether trying again later may help.
    /// </exception>
    public static Task<IJournal> OpenAsync(SqliteJournalOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException($"Invalid SQLite journal settings: {string.Join(" ", errors)}", nameof(options));
        }

        // Opening may wait for a lock (busy timeout) and runs a migration: off the caller's thread.
        return Task.Run<IJournal>(() => SqliteJournal.Open(options, time), cancellationToken);
    }
}
