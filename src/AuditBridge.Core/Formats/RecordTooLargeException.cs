namespace AuditBridge.Formats;

/// <summary>A record cannot be shortened enough to fit the size budget of its transport.</summary>
public sealed class RecordTooLargeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RecordTooLargeException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public RecordTooLargeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public RecordTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
