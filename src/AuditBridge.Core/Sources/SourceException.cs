namespace AuditBridge.Sources;

/// <summary>A source failure, classified where it happened.</summary>
public sealed class SourceException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SourceException()
        : this(SourceErrorKind.Unavailable, "The source failed.", isTransient: true)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public SourceException(string message)
        : this(SourceErrorKind.Unavailable, message, isTransient: true)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public SourceException(string message, Exception innerException)
        : this(SourceErrorKind.Unavailable, message, isTransient: true, innerException)
    {
    }

    /// <summary>Creates a classified source failure.</summary>
    /// <param name="kind">What went wrong.</param>
    /// <param name="message">One line naming the cause and the fix; never contains a secret.</param>
    /// <param name="isTransient">True when trying again later may succeed.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public SourceException(SourceErrorKind kind, string message, bool isTransient, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        IsTransient = isTransient;
    }

    /// <summary>What went wrong.</summary>
    public SourceErrorKind Kind { get; }

    /// <summary>True when trying again later may succeed (rate limits, outages); false when a person must act.</summary>
    public bool IsTransient { get; }
}
