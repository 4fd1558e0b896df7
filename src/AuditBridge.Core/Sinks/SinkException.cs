namespace AuditBridge.Sinks;

/// <summary>A sink failure, classified where it happened.</summary>
public sealed class SinkException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SinkException()
        : this("The sink failed.", isTransient: true)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public SinkException(string message)
        : this(message, isTransient: true)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public SinkException(string message, Exception innerException)
        : this(message, isTransient: true, innerException)
    {
    }

    /// <summary>Creates a classified sink failure.</summary>
    /// <param name="message">One line naming the cause and the fix.</param>
    /// <param name="isTransient">True when trying again later may succeed (receiver down); false when a person must act.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public SinkException(string message, bool isTransient, Exception? innerException = null)
        : base(message, innerException)
    {
        IsTransient = isTransient;
    }

    /// <summary>True when trying again later may succeed.</summary>
    public bool IsTransient { get; }

    /// <summary>
    /// How long the receiver asked to be left alone before the next try (an HTTP <c>Retry-After</c>), or null when it
    /// did not say. Only set on transient failures; the delivery loop waits at least this long (within its own cap)
    /// instead of its usual backoff.
    /// </summary>
    public TimeSpan? RetryAfter { get; init; }
}
