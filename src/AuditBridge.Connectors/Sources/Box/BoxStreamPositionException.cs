namespace AuditBridge.Sources.Box;

/// <summary>Box refused the stream position (400 "Invalid stream position"); the source decides how to go on.</summary>
internal sealed class BoxStreamPositionException : Exception
{
    public BoxStreamPositionException()
    {
    }

    public BoxStreamPositionException(string message)
        : base(message)
    {
    }

    public BoxStreamPositionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
