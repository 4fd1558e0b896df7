namespace AuditBridge.Journal;

/// <summary>
/// A journal failure, classified where it happened. The message names the journal and the fix; when an append fails,
/// nothing of its page is stored and the source's checkpoint did not move.
/// </summary>
public sealed class JournalException : Exception
{
    /// <summary>Creates the exception.</summary>
    public JournalException()
        : this(JournalErrorKind.Io, "The journal failed.", isTransient: true)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public JournalException(string message)
        : this(JournalErrorKind.Io, message, isTransient: true)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public JournalException(string message, Exception innerException)
        : this(JournalErrorKind.Io, message, isTransient: true, innerException)
    {
    }

    /// <summary>Creates a classified journal failure.</summary>
    /// <param name="kind">What went wrong.</param>
    /// <param name="message">One line naming the journal, the cause and the fix.</param>
    /// <param name="isTransient">True when trying again later may succeed.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public JournalException(JournalErrorKind kind, string message, bool isTransient, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        IsTransient = isTransient;
    }

    /// <summary>What went wrong.</summary>
    public JournalErrorKind Kind { get; }

    /// <summary>
    /// True when trying again later may succeed (the lock is released, space is freed, the I/O error passes): retry with
    /// backoff. False when a person must act (another daemon, a damaged or foreign file, a read-only disk): stop.
    /// </summary>
    public bool IsTransient { get; }
}
