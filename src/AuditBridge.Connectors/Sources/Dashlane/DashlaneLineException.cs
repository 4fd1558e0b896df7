namespace AuditBridge.Sources.Dashlane;

/// <summary>A line that is not a Dashlane audit log; the caller adds where it was (dcli output line, file:line).</summary>
internal sealed class DashlaneLineException : Exception
{
    public DashlaneLineException()
    {
        Problem = "invalid line";
    }

    public DashlaneLineException(string message)
        : base(message)
    {
        Problem = message;
    }

    public DashlaneLineException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problem = message;
    }

    public DashlaneLineException(string problem, long? column)
        : base(problem)
    {
        Problem = problem;
        Column = column;
    }

    /// <summary>What is wrong, as a clause ("'uuid' is missing …").</summary>
    public string Problem { get; }

    /// <summary>1-based byte column of a JSON syntax error, when known.</summary>
    public long? Column { get; }

    /// <summary>
    /// True when the line is valid JSON but no audit log (a member missing, of the wrong type): one poison log, which is
    /// quarantined. False when it is not JSON at all, which means a broken stream (dcli cut short, a damaged file).
    /// </summary>
    public bool IsJson { get; init; }
}
