namespace AuditBridge.Sources.Files;

/// <summary>The file is not JSON where JSON is required; the message names the file, line and byte offset.</summary>
internal sealed class EventFileFormatException : Exception
{
    public EventFileFormatException()
    {
    }

    public EventFileFormatException(string message)
        : base(message)
    {
    }

    public EventFileFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
